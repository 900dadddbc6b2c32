using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KetamineClinic.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InfusionSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InfusionSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtocolId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtocolVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Phase = table.Column<int>(type: "INTEGER", nullable: false),
                    GoAheadRequired = table.Column<bool>(type: "INTEGER", nullable: false),
                    GoAheadUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GoAheadByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    GoAheadNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StoppedEarly = table.Column<bool>(type: "INTEGER", nullable: false),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DischargedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DischargedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NurseNote = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    NurseCompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NurseCompletedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    SignedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CheckIn = table.Column<string>(type: "TEXT", nullable: true),
                    Protocol = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfusionSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfusionSessions_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InfusionSessions_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DoseOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProtocolName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtocolVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Unit = table.Column<int>(type: "INTEGER", nullable: false),
                    Dose = table.Column<decimal>(type: "TEXT", precision: 9, scale: 4, nullable: false),
                    WeightKg = table.Column<decimal>(type: "TEXT", precision: 6, scale: 2, nullable: false),
                    WeightMeasuredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalMg = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    RateMgPerHour = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OrderedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OrderedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OrderedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReplacedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DoseOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DoseOrders_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InfusionEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    VialLot = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    RateMgPerHour = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfusionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfusionEvents_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReadingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RaisedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcknowledgedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActionTaken = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionAlerts_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionAmendments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RefersTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAmendments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionAmendments_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SideEffects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherDescription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OnsetUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Severity = table.Column<int>(type: "INTEGER", nullable: false),
                    Moaas = table.Column<int>(type: "INTEGER", nullable: true),
                    DissociationRating = table.Column<int>(type: "INTEGER", nullable: true),
                    Cadss = table.Column<int>(type: "INTEGER", nullable: true),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    ActionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SideEffects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SideEffects_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VitalsReadings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Systolic = table.Column<int>(type: "INTEGER", nullable: false),
                    Diastolic = table.Column<int>(type: "INTEGER", nullable: false),
                    HeartRate = table.Column<int>(type: "INTEGER", nullable: false),
                    SpO2 = table.Column<int>(type: "INTEGER", nullable: false),
                    RespiratoryRate = table.Column<int>(type: "INTEGER", nullable: false),
                    TemperatureC = table.Column<decimal>(type: "TEXT", precision: 4, scale: 1, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VitalsReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VitalsReadings_InfusionSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "InfusionSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DoseOrders_SessionId_OrderedUtc",
                table: "DoseOrders",
                columns: new[] { "SessionId", "OrderedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionEvents_SessionId_AtUtc",
                table: "InfusionEvents",
                columns: new[] { "SessionId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_AppointmentId",
                table: "InfusionSessions",
                column: "AppointmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_PatientId_CreatedUtc",
                table: "InfusionSessions",
                columns: new[] { "PatientId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InfusionSessions_Phase_CreatedUtc",
                table: "InfusionSessions",
                columns: new[] { "Phase", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAlerts_AcknowledgedUtc",
                table: "SessionAlerts",
                column: "AcknowledgedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAlerts_SessionId_RaisedUtc",
                table: "SessionAlerts",
                columns: new[] { "SessionId", "RaisedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAmendments_SessionId_AtUtc",
                table: "SessionAmendments",
                columns: new[] { "SessionId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SideEffects_SessionId_OnsetUtc",
                table: "SideEffects",
                columns: new[] { "SessionId", "OnsetUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_VitalsReadings_SessionId_TakenUtc",
                table: "VitalsReadings",
                columns: new[] { "SessionId", "TakenUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DoseOrders");

            migrationBuilder.DropTable(
                name: "InfusionEvents");

            migrationBuilder.DropTable(
                name: "SessionAlerts");

            migrationBuilder.DropTable(
                name: "SessionAmendments");

            migrationBuilder.DropTable(
                name: "SideEffects");

            migrationBuilder.DropTable(
                name: "VitalsReadings");

            migrationBuilder.DropTable(
                name: "InfusionSessions");
        }
    }
}
