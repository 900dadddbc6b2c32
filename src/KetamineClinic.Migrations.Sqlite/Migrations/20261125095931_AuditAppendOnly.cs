using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only in the database as well as in the app (issue 2, part 5). A future migration
            // that makes EF Core rebuild the AuditEvents table on SQLite drops these triggers with the old table: it
            // must create them again.
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "AuditEvents_NoUpdate" BEFORE UPDATE ON "AuditEvents"
                BEGIN
                    SELECT RAISE(ABORT, 'The audit trail is append-only');
                END;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "AuditEvents_NoDelete" BEFORE DELETE ON "AuditEvents"
                BEGIN
                    SELECT RAISE(ABORT, 'The audit trail is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEvents_NoDelete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEvents_NoUpdate";""");
        }
    }
}
