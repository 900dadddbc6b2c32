using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only in the database as well as in the app (issue 2, part 5). TRUNCATE does not
            // fire row triggers, so it has its own statement-level trigger.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION "AuditEvents_RejectChange"() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "AuditEvents_NoUpdateOrDelete" BEFORE UPDATE OR DELETE ON "AuditEvents"
                FOR EACH ROW EXECUTE FUNCTION "AuditEvents_RejectChange"();
                """);
            migrationBuilder.Sql(
                """
                CREATE TRIGGER "AuditEvents_NoTruncate" BEFORE TRUNCATE ON "AuditEvents"
                FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvents_RejectChange"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEvents_NoTruncate" ON "AuditEvents";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "AuditEvents_NoUpdateOrDelete" ON "AuditEvents";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "AuditEvents_RejectChange"();""");
        }
    }
}
