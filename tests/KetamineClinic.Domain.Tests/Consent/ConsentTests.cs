using KetamineClinic.Domain.Consent;

namespace KetamineClinic.Domain.Tests.Consent;

public sealed class ConsentTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static ConsentDocument V1() => ConsentDocument.Publish(ConsentDocument.DefaultTitle, ConsentDocument.DefaultText, null, "admin", Now).Value;

    [Fact]
    public void Publishing_a_new_text_makes_the_next_version_and_retires_the_old()
    {
        var v1 = V1();

        var v2 = ConsentDocument.Publish("Consent", "New text", v1, "admin", Now).Value;

        Assert.Equal(2, v2.VersionNumber);
        Assert.True(v2.IsCurrent);
        Assert.False(v1.IsCurrent);
        Assert.Equal(ConsentDocument.DefaultText, v1.Text);
    }

    [Fact]
    public void Consent_keeps_the_version_the_date_and_the_witness()
    {
        var record = ConsentRecord.Record(Guid.NewGuid(), V1(), Today, SignatureMethod.Checkbox, agreed: true, null, "Zoë O'Brien", "s1", "Ivy Intake", Now).Value;

        Assert.Equal(1, record.DocumentVersion);
        Assert.Equal(Today, record.ConsentedOn);
        Assert.Equal("Ivy Intake", record.WitnessName);
    }

    [Fact]
    public void An_unticked_checkbox_is_not_consent()
    {
        Assert.Equal(ConsentErrors.NotAgreed, ConsentRecord.Record(Guid.NewGuid(), V1(), Today, SignatureMethod.Checkbox, false, null, "A B", "s", "S", Now).Error);
    }

    [Theory]
    [InlineData("zoe obrien", true)]
    [InlineData("O'Brien, Zoë", true)]
    [InlineData("Zoe Smith", false)]
    public void A_typed_signature_must_match_the_patient_name(string typed, bool accepted)
    {
        var result = ConsentRecord.Record(Guid.NewGuid(), V1(), Today, SignatureMethod.TypedName, false, typed, "Zoë O'Brien", "s", "S", Now);

        Assert.Equal(accepted, result.IsSuccess);
    }

    [Fact]
    public void Consent_to_a_retired_version_is_refused()
    {
        var v1 = V1();
        ConsentDocument.Publish("t", "x", v1, "admin", Now);

        Assert.Equal(ConsentErrors.NotCurrent, ConsentRecord.Record(Guid.NewGuid(), v1, Today, SignatureMethod.Checkbox, true, null, "A B", "s", "S", Now).Error);
    }
}
