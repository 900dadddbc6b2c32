using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>Administrator adds a staff member with roles. The account gets a one-time password, shown once, that the
/// staff member must change at first sign-in.</summary>
public sealed record AddStaff(string DisplayName, string Email, IReadOnlyList<string> Roles);

/// <summary>The new account and its one-time password (never stored in clear, never logged or audited).</summary>
public sealed record NewStaffAccount(string UserId, string Email, string OneTimePassword);

public sealed class AddStaffValidator : AbstractValidator<AddStaff>
{
    public AddStaffValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter the staff member's name.")
            .MaximumLength(100).WithMessage("The name can be at most 100 characters.");
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the staff member's e-mail address.")
            .MaximumLength(256).WithMessage("The e-mail address can be at most 256 characters.")
            .Must(StaffEmail.IsValid).WithMessage("Enter a valid e-mail address, such as name@clinic.org.");
        RuleFor(c => c.Roles).Must(r => StaffRules.ParseRoles(r).IsSuccess)
            .WithMessage(c => StaffRules.ParseRoles(c.Roles).Error?.Message ?? "");
    }
}

public sealed class AddStaffHandler(StaffAdministration administration, IValidator<AddStaff> validator)
{
    public async Task<Result<NewStaffAccount>> HandleAsync(StaffActor actor, AddStaff command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await administration.RunAsync(
            actor,
            operation => StaffAccountCreator.CreateAsync(operation.Users, command.DisplayName, command.Email, command.Roles),
            created => new StaffAuditNote(AuditAction.Create, created.UserId, $"Added staff account with roles {string.Join(", ", command.Roles)}"),
            cancellationToken);
    }
}

/// <summary>Creates an account with a one-time password: shared by "Add staff" and the create-admin command.</summary>
public static class StaffAccountCreator
{
    public static async Task<Result<NewStaffAccount>> CreateAsync(UserManager<StaffUser> users, string displayName, string email, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(users);
        var parsedRoles = StaffRules.ParseRoles(roles);
        if (!parsedRoles.IsSuccess)
        {
            return parsedRoles.Error!;
        }

        email = email.Trim();
        if (!StaffEmail.IsValid(email))
        {
            return new DomainError("staff.invalid_email", $"'{email}' is not a valid e-mail address.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return StaffErrors.EmailTaken;
        }

        var password = OneTimePassword.Generate();
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName.Trim(),
            MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return StaffOperation.Failed(created);
        }

        var roled = await users.AddToRolesAsync(user, parsedRoles.Value);
        if (!roled.Succeeded)
        {
            return StaffOperation.Failed(roled);
        }

        return new NewStaffAccount(user.Id, email, password);
    }
}

public static class StaffEmail
{
    public static bool IsValid(string? email) =>
        !string.IsNullOrWhiteSpace(email)
        && System.Net.Mail.MailAddress.TryCreate(email.Trim(), out var address)
        && string.Equals(address.Address, email.Trim(), StringComparison.OrdinalIgnoreCase)
        && address.Host.Contains('.', StringComparison.Ordinal);
}
