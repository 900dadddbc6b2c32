using KetamineClinic.Domain.Clinic;

namespace KetamineClinic.Domain.Tests.Clinic;

public sealed class ClinicSettingsTests
{
    [Fact]
    public void A_known_time_zone_and_a_name_are_accepted_and_change_the_version()
    {
        var settings = new ClinicSettings();
        var before = settings.Version;

        var result = settings.Change("  Riverside Ketamine Clinic ", "Europe/London");

        Assert.True(result.IsSuccess);
        Assert.Equal("Riverside Ketamine Clinic", settings.Name);
        Assert.Equal("Europe/London", settings.TimeZoneId);
        Assert.NotEqual(before, settings.Version);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_and_nothing_changes()
    {
        var settings = new ClinicSettings();

        var result = settings.Change("Clinic", "Mars/Olympus_Mons");

        Assert.False(result.IsSuccess);
        Assert.Equal(ClinicErrors.UnknownTimeZone("x").Code, result.Error!.Code);
        Assert.Equal(ClinicSettings.DefaultTimeZoneId, settings.TimeZoneId);
    }

    [Fact]
    public void A_blank_name_is_refused()
    {
        var result = new ClinicSettings().Change("   ", "Europe/London");

        Assert.Equal(ClinicErrors.NameRequired, result.Error);
    }

    [Fact]
    public void Utc_times_are_shown_in_the_clinic_time_zone_across_daylight_saving()
    {
        var settings = new ClinicSettings();
        settings.Change("Clinic", "America/New_York");

        // 14:00 UTC is 10:00 in New York in summer (EDT, UTC-4) and 09:00 in winter (EST, UTC-5).
        Assert.Equal(10, settings.ToClinicTime(new DateTime(2026, 7, 1, 14, 0, 0, DateTimeKind.Utc)).Hour);
        Assert.Equal(9, settings.ToClinicTime(new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc)).Hour);
    }
}
