namespace KetamineClinic.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the app starts (default). Set false to run them with dotnet ef instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Where the SQLite file and other local data live when no connection string is given.
    /// Relative paths are under the app's content root.</summary>
    public string DataFolder { get; set; } = "App_Data";
}
