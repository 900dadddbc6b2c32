using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Consent;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Protocols;

/// <summary>The consent text's versions and the record-number format, through the administrator's handlers.</summary>
public abstract class ConsentAndMrnFormatTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private async Task<List<ConsentDocument>> ConsentVersionsAsync()
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        return await db.ConsentDocuments.AsNoTracking().OrderBy(d => d.VersionNumber).ToListAsync();
    }

    [Fact]
    public async Task Publishing_consent_text_makes_the_next_version_current_and_keeps_the_old_one_unchanged()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var before = await ConsentVersionsAsync();
        var current = before.Single(d => d.IsCurrent);

        var published = await ClinicalArrange.WithAsync<PublishConsentTextHandler, Result<ConsentVersionView>>(
            app, h => h.HandleAsync(admin, new PublishConsentText("Consent to treatment", "New plain wording.", current.Id)));

        Assert.True(published.IsSuccess, published.Error?.Message);
        Assert.Equal(current.VersionNumber + 1, published.Value.VersionNumber);
        var after = await ConsentVersionsAsync();
        var old = after.Single(d => d.Id == current.Id);
        Assert.False(old.IsCurrent);
        Assert.Equal(current.Text, old.Text);
        Assert.Equal("New plain wording.", after.Single(d => d.IsCurrent).Text);
        Assert.Equal("Test Administrator", after.Single(d => d.IsCurrent).PublishedBy);
    }

    [Fact]
    public async Task Publishing_over_a_version_someone_else_replaced_is_refused()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var seen = (await ConsentVersionsAsync()).Single(d => d.IsCurrent);
        Assert.True((await ClinicalArrange.WithAsync<PublishConsentTextHandler, Result<ConsentVersionView>>(
            app, h => h.HandleAsync(admin, new PublishConsentText("Theirs", "Their text.", seen.Id)))).IsSuccess);

        var mine = await ClinicalArrange.WithAsync<PublishConsentTextHandler, Result<ConsentVersionView>>(
            app, h => h.HandleAsync(admin, new PublishConsentText("Mine", "My text.", seen.Id)));

        Assert.Equal(PublishConsentTextHandler.ChangedByAnother, mine.Error);
        Assert.Equal("Their text.", (await ConsentVersionsAsync()).Single(d => d.IsCurrent).Text);
    }

    [Fact]
    public async Task Changing_the_record_number_format_changes_how_new_numbers_read()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var format = await ClinicalArrange.WithAsync<ChangeMrnFormatHandler, Result<MrnFormatView>>(app, h => h.GetAsync(admin));

        var changed = await ClinicalArrange.WithAsync<ChangeMrnFormatHandler, Result<MrnFormatView>>(
            app, h => h.HandleAsync(admin, new ChangeMrnFormat("rk", 8, format.Value.Version)));

        Assert.True(changed.IsSuccess, changed.Error?.Message);
        await using var db = await ClinicalArrange.DbAsync(app);
        var settings = await db.ClinicSettings.AsNoTracking().SingleAsync();
        Assert.Equal("RK00000043", settings.FormatMrn(43));
        Assert.Equal(format.Value.NextNumber, changed.Value.NextNumber);

        var restored = await ClinicalArrange.WithAsync<ChangeMrnFormatHandler, Result<MrnFormatView>>(
            app, h => h.HandleAsync(admin, new ChangeMrnFormat("KC", 6, changed.Value.Version)));
        Assert.True(restored.IsSuccess);
    }

    [Theory]
    [InlineData("9KC")]
    [InlineData("K-C")]
    [InlineData("ABCDEFGHIJK")]
    public async Task A_bad_record_number_prefix_is_refused_and_the_format_is_unchanged(string prefix)
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var format = await ClinicalArrange.WithAsync<ChangeMrnFormatHandler, Result<MrnFormatView>>(app, h => h.GetAsync(admin));

        var result = await ClinicalArrange.WithAsync<ChangeMrnFormatHandler, Result<MrnFormatView>>(
            app, h => h.HandleAsync(admin, new ChangeMrnFormat(prefix, 6, format.Value.Version)));

        Assert.Equal(ClinicErrors.MrnPrefix.Message, result.Error!.Message);
        var now = await ClinicalArrange.WithAsync<ChangeMrnFormatHandler, Result<MrnFormatView>>(app, h => h.GetAsync(admin));
        Assert.Equal(format.Value.Prefix, now.Value.Prefix);
        Assert.Equal(format.Value.Version, now.Value.Version);
    }
}

public sealed class ConsentAndMrnFormatTestsOnSqlite(SqliteApp app) : ConsentAndMrnFormatTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ConsentAndMrnFormatTestsOnPostgres(PostgresApp app) : ConsentAndMrnFormatTests<PostgresApp>(app), IClassFixture<PostgresApp>;
