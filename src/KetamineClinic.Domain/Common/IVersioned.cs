namespace KetamineClinic.Domain.Common;

/// <summary>A record with an application-managed concurrency token (a new Guid on every change), which works the same
/// on SQLite, SQL Server and PostgreSQL.</summary>
public interface IVersioned
{
    Guid Version { get; }
}
