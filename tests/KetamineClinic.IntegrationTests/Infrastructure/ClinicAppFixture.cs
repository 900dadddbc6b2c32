using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Infrastructure;

/// <summary>One app on one fresh database, shared by the tests of a class. Tests create their own staff with
/// unique e-mails, so they do not depend on each other.</summary>
public abstract class ClinicAppFixture : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private TestDatabase? _database;
    private ClinicAppFactory? _factory;

    protected abstract DatabaseProvider Provider { get; }

    /// <summary>Extra configuration for this fixture's app.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public ClinicAppFactory Factory => _factory ?? throw new InvalidOperationException("The fixture has not started.");

    public DatabaseProvider DatabaseProvider => Provider;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        _factory = new ClinicAppFactory(_database, Settings);
        _ = _factory.Server; // start the host: migrations and start-up seeding run now
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Creates a staff account with the given roles and returns it.</summary>
    public async Task<StaffUser> CreateStaffAsync(string role, string? email = null, string password = Password, params string[] moreRoles)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.clinic";
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Test {role}" };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, [role, .. moreRoles]);
        return user;
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateClient() => Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
}

public sealed class SqliteApp : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresApp : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
