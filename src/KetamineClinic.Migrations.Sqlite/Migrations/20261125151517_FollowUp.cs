using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FollowUpDays",
                table: "SchedulingSettings",
                type: "TEXT",
                nullable: false,
                defaultValue: "[7,28]");

            migrationBuilder.AddColumn<Guid>(
                name: "AppointmentId",
                table: "OutcomeMeasures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "KioskLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<int>(type: "INTEGER", nullable: false),
                    Context = table.Column<int>(type: "INTEGER", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeasureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WithdrawnUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KioskLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KioskLinks_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeMeasures_AppointmentId",
                table: "OutcomeMeasures",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_KioskLinks_CodeHash",
                table: "KioskLinks",
                column: "CodeHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KioskLinks_PatientId_CreatedUtc",
                table: "KioskLinks",
                columns: new[] { "PatientId", "CreatedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KioskLinks");

            migrationBuilder.DropIndex(
                name: "IX_OutcomeMeasures_AppointmentId",
                table: "OutcomeMeasures");

            migrationBuilder.DropColumn(
                name: "FollowUpDays",
                table: "SchedulingSettings");

            migrationBuilder.DropColumn(
                name: "AppointmentId",
                table: "OutcomeMeasures");
        }
    }
}
