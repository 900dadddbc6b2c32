using KetamineClinic.Domain.Courses;

namespace KetamineClinic.Domain.Tests.Courses;

public sealed class FollowUpDecisionTests
{
    private static readonly DateTime Now = new(2026, 12, 10, 15, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_follow_up_is_marked_not_needed_only_with_a_reason(string? reason)
    {
        Assert.Equal(FollowUpErrors.ReasonRequired, FollowUpDecision.NotNeeded(Guid.NewGuid(), Guid.NewGuid(), 7, reason, "i", "Ivy", Now).Error);
    }

    [Fact]
    public void A_reason_longer_than_the_limit_is_refused()
    {
        Assert.Equal(FollowUpErrors.ReasonTooLong,
            FollowUpDecision.NotNeeded(Guid.NewGuid(), Guid.NewGuid(), 7, new string('x', FollowUpDecision.MaxReasonLength + 1), "i", "Ivy", Now).Error);
    }

    [Fact]
    public void A_decision_is_withdrawn_once_and_keeps_who_decided_and_who_withdrew()
    {
        var decision = FollowUpDecision.NotNeeded(Guid.NewGuid(), Guid.NewGuid(), 28, "  Patient declined; sees her GP.  ", "i", "Ivy", Now).Value;
        Assert.True(decision.InForce);
        Assert.Equal("Patient declined; sees her GP.", decision.Reason);

        Assert.True(decision.Withdraw("c", "Dr Clara", Now.AddHours(1)).IsSuccess);

        Assert.False(decision.InForce);
        Assert.Equal(("i", "c"), (decision.DecidedBy, decision.WithdrawnBy));
        Assert.Equal(FollowUpErrors.AlreadyWithdrawn, decision.Withdraw("c", "Dr Clara", Now.AddHours(2)).Error);
    }
}
