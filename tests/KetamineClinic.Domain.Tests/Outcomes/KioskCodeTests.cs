using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Domain.Tests.Outcomes;

/// <summary>The kiosk code: random, unambiguous, typed forgivingly, stored only as its hash.</summary>
public sealed class KioskCodeTests
{
    [Fact]
    public void A_new_code_has_8_characters_from_the_alphabet_without_look_alikes()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => KioskCode.New()).ToList();

        Assert.All(codes, c => Assert.Equal(KioskCode.Length, c.Length));
        Assert.All(codes, c => Assert.All(c, ch => Assert.Contains(ch, KioskCode.Alphabet)));
        Assert.DoesNotContain(KioskCode.Alphabet, ch => ch is '0' or 'O' or '1' or 'I' or 'L');
        // 200 draws from 31^8 codes: a repeat would mean the generator is not random.
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("k7mq2xpa")]
    [InlineData("K7MQ-2XPA")]
    [InlineData(" k7mq 2xpa ")]
    public void A_code_is_typed_in_any_case_with_spaces_or_a_hyphen(string typed)
    {
        Assert.Equal("K7MQ2XPA", KioskCode.Normalize(typed));
        Assert.Equal(KioskCode.Hash("K7MQ2XPA"), KioskCode.Hash(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7MQ2XP")]
    [InlineData("K7MQ2XPAB")]
    [InlineData("K7MQ2XP0")]
    [InlineData("K7MQ2XPI")]
    [InlineData("K7MQ/2XPA")]
    public void Anything_that_cannot_be_a_code_has_no_hash(string? typed)
    {
        Assert.Null(KioskCode.Normalize(typed));
        Assert.Null(KioskCode.Hash(typed));
    }

    [Fact]
    public void The_hash_is_sha256_hex_and_differs_from_code_to_code()
    {
        var hash = KioskCode.Hash("K7MQ2XPA");

        // printf 'K7MQ2XPA' | sha256sum
        Assert.Equal("9cb674c651261fac7241dea0b80d993224963c495f7d3eee09d58f6ae8181458", hash);
        Assert.NotEqual(hash, KioskCode.Hash("K7MQ2XPB"));
        Assert.DoesNotContain("K7MQ2XPA", hash, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Codes_show_in_two_groups_of_four() =>
        Assert.Equal("K7MQ-2XPA", KioskCode.Display("K7MQ2XPA"));
}
