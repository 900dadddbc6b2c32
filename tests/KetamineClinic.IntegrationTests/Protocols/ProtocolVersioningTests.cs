using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Protocols;
using KetamineClinic.Web.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Protocols;

/// <summary>Protocol versions through the handlers the /admin/protocols pages call, on a real database.</summary>
public abstract class ProtocolVersioningTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private async Task<SavedProtocol> CreateAsync(System.Security.Claims.ClaimsPrincipal admin, string name)
    {
        var created = await ClinicalArrange.WithAsync<CreateProtocolHandler, Result<SavedProtocol>>(
            app, h => h.HandleAsync(admin, new CreateProtocol(Protocol.Defaults[0] with { Name = name })));
        Assert.True(created.IsSuccess, created.Error?.Message);
        return created.Value;
    }

    private Task<Result<SavedProtocol>> ReviseAsync(System.Security.Claims.ClaimsPrincipal admin, Guid baseVersionId, ProtocolSettings settings) =>
        ClinicalArrange.WithAsync<ReviseProtocolHandler, Result<SavedProtocol>>(app, h => h.HandleAsync(admin, new ReviseProtocol(baseVersionId, settings)));

    private async Task<List<Protocol>> FamilyAsync(Guid familyId)
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        return await db.Protocols.AsNoTracking().Where(p => p.FamilyId == familyId).OrderBy(p => p.VersionNumber).ToListAsync();
    }

    [Fact]
    public async Task Revising_a_protocol_makes_version_2_and_leaves_version_1_unchanged_for_the_course_that_uses_it()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);
        var v1 = await CreateAsync(admin, $"Depression {Guid.NewGuid():N}");
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var planned = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, Result<CourseView>>(
            app, h => h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, v1.Id)));
        Assert.True(planned.IsSuccess, planned.Error?.Message);
        var original = (await FamilyAsync(v1.FamilyId)).Single().Settings;

        var v2 = await ReviseAsync(admin, v1.Id, original with { ObservationMinutes = 90 });

        Assert.True(v2.IsSuccess, v2.Error?.Message);
        Assert.Equal(2, v2.Value.VersionNumber);
        var family = await FamilyAsync(v1.FamilyId);
        Assert.Equal([1, 2], family.Select(p => p.VersionNumber));
        Assert.False(family[0].IsCurrent);
        Assert.True(family[1].IsCurrent);
        Assert.Equal(original, family[0].Settings);
        Assert.Equal(60, family[0].Settings.ObservationMinutes);
        Assert.Equal(90, family[1].Settings.ObservationMinutes);
        Assert.Equal("Test Administrator", family[1].CreatedBy);
        var course = Assert.Single(await ClinicalArrange.CoursesAsync(app, patientId));
        Assert.Equal(v1.Id, course.ProtocolId);
        Assert.Equal(1, course.ProtocolVersion);
    }

    [Fact]
    public async Task A_plan_started_on_a_version_revised_meanwhile_is_refused_and_a_new_plan_takes_the_new_version()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);
        var v1 = await CreateAsync(admin, $"Depression {Guid.NewGuid():N}");
        var v2 = (await ReviseAsync(admin, v1.Id, Protocol.Defaults[0] with { Name = "Revised", ObservationMinutes = 75 })).Value;
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);

        var stale = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, Result<CourseView>>(app, h => h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, v1.Id)));
        var fresh = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, Result<CourseView>>(app, h => h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, v2.Id)));

        Assert.Equal(CourseErrors.ProtocolNotCurrent, stale.Error);
        Assert.Equal(2, fresh.Value.ProtocolVersion);
        Assert.Equal("Revised", fresh.Value.ProtocolName);
    }

    [Fact]
    public async Task A_revision_from_a_stale_form_is_refused_and_changes_nothing()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var other = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var v1 = await CreateAsync(admin, $"Pain {Guid.NewGuid():N}");
        Assert.True((await ReviseAsync(other, v1.Id, Protocol.Defaults[0] with { Name = "Theirs", InfusionMinutes = 45 })).IsSuccess);

        var mine = await ReviseAsync(admin, v1.Id, Protocol.Defaults[0] with { Name = "Mine", InfusionMinutes = 50 });

        Assert.Equal(ReviseProtocolHandler.ChangedByAnother, mine.Error);
        var family = await FamilyAsync(v1.FamilyId);
        Assert.Equal(2, family.Count);
        Assert.Equal("Theirs", family.Single(p => p.IsCurrent).Settings.Name);
    }

    [Fact]
    public async Task Impossible_numbers_are_refused_with_the_rule_and_nothing_is_saved()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var v1 = await CreateAsync(admin, $"Depression {Guid.NewGuid():N}");

        var result = await ReviseAsync(admin, v1.Id, Protocol.Defaults[0] with { DefaultDose = 1.5m });

        Assert.Equal("validation", result.Error!.Code);
        Assert.Contains("usual range", result.Error.Message, StringComparison.Ordinal);
        Assert.Single(await FamilyAsync(v1.FamilyId));
    }

    [Theory]
    [InlineData(StaffRoles.Clinician)]
    [InlineData(StaffRoles.Nurse)]
    public async Task Only_administrators_may_revise_protocols(string role)
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var staff = await ClinicalArrange.StaffAsync(app, role);
        var v1 = await CreateAsync(admin, $"Depression {Guid.NewGuid():N}");

        var result = await ReviseAsync(staff, v1.Id, Protocol.Defaults[0] with { ObservationMinutes = 30 });

        Assert.Equal(AccessErrors.NotAllowed, result.Error);
        Assert.Single(await FamilyAsync(v1.FamilyId));
    }

    [Fact]
    public async Task A_version_saved_before_measures_before_infusion_existed_reads_back_with_none_and_its_other_numbers_intact()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var v1 = await CreateAsync(admin, $"Depression {Guid.NewGuid():N}");
        await using (var db = await ClinicalArrange.DbAsync(app))
        {
            Assert.Equal([InstrumentCode.Phq9], (await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == v1.Id)).Settings.PreInfusionMeasures.Items);
            var removed = db.Database.IsSqlite()
                ? await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Protocols\" SET \"Settings\" = json_remove(\"Settings\", '$.PreInfusionMeasures') WHERE \"Id\" = {v1.Id}")
                : await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Protocols\" SET \"Settings\" = \"Settings\"::jsonb - 'PreInfusionMeasures' WHERE \"Id\" = {v1.Id}");
            Assert.Equal(1, removed);
        }

        await using var reread = await ClinicalArrange.DbAsync(app);
        var settings = (await reread.Protocols.AsNoTracking().SingleAsync(p => p.Id == v1.Id)).Settings;
        Assert.True(settings.PreInfusionMeasures.IsEmpty);
        Assert.Equal(Protocol.Defaults[0].InfusionMinutes, settings.InfusionMinutes);
    }
}

public sealed class ProtocolVersioningTestsOnSqlite(SqliteApp app) : ProtocolVersioningTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProtocolVersioningTestsOnPostgres(PostgresApp app) : ProtocolVersioningTests<PostgresApp>(app), IClassFixture<PostgresApp>;
