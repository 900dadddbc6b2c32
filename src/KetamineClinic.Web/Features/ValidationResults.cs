using FluentValidation;
using KetamineClinic.Domain.Common;

namespace KetamineClinic.Web.Features;

/// <summary>Turns a handler's FluentValidation result into the domain error it returns (the first message, which the
/// page shows; the page's own field validation shows the rest as the user types).</summary>
public static class ValidationResults
{
    public const string ValidationCode = "validation";

    public static async Task<DomainError?> FirstErrorAsync<T>(this IValidator<T> validator, T command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var result = await validator.ValidateAsync(command, cancellationToken);
        return result.IsValid ? null : new DomainError(ValidationCode, result.Errors[0].ErrorMessage);
    }
}
