using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only in the database as well as in the app (issue 2, part 5). CREATE TRIGGER
            // must be the only statement in its batch, and the idempotent script wraps each migration's statements in
            // IF NOT EXISTS blocks, so the trigger is created through EXEC. TRUNCATE TABLE fires no trigger on SQL Server;
            // it needs ALTER permission on the table, which the application's login should not hold.
            migrationBuilder.Sql(
                """
                EXEC(N'CREATE TRIGGER [AuditEvents_NoUpdateOrDelete] ON [AuditEvents]
                INSTEAD OF UPDATE, DELETE
                AS
                BEGIN
                    SET NOCOUNT ON;
                    THROW 51000, N''The audit trail is append-only'', 1;
                END');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEvents_NoUpdateOrDelete];");
        }
    }
}
