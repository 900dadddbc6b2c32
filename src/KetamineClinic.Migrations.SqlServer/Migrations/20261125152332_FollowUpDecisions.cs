using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FollowUpDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FollowUpDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DaysAfter = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    DecidedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    WithdrawnUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    WithdrawnBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    WithdrawnByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpDecisions_TreatmentCourses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "TreatmentCourses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpDecisions_CourseId_DaysAfter",
                table: "FollowUpDecisions",
                columns: new[] { "CourseId", "DaysAfter" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpDecisions_PatientId",
                table: "FollowUpDecisions",
                column: "PatientId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUpDecisions");
        }
    }
}
