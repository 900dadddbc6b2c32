using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class SessionStateMachineTests
{
    /// <summary>A time late on the same day, after every step of the arranged sessions.</summary>
    private static readonly DateTime Later = CheckInUtc.AddHours(6);

    /// <summary>The legal transitions, written out from issue 5: booked → checked in → ordered → infusing → observing
    /// → discharged → signed; a new order replaces the order; "not started" before the infusion, then signed.</summary>
    private static readonly HashSet<(SessionPhase From, SessionPhase To)> Legal =
    [
        (SessionPhase.Booked, SessionPhase.CheckedIn),
        (SessionPhase.Booked, SessionPhase.NotStarted),
        (SessionPhase.CheckedIn, SessionPhase.Ordered),
        (SessionPhase.CheckedIn, SessionPhase.NotStarted),
        (SessionPhase.Ordered, SessionPhase.Ordered),
        (SessionPhase.Ordered, SessionPhase.Infusing),
        (SessionPhase.Ordered, SessionPhase.NotStarted),
        (SessionPhase.Infusing, SessionPhase.Observing),
        (SessionPhase.Observing, SessionPhase.Discharged),
        (SessionPhase.Discharged, SessionPhase.Signed),
        (SessionPhase.NotStarted, SessionPhase.Signed),
    ];

    public static TheoryData<SessionPhase, SessionPhase> EveryPair()
    {
        var data = new TheoryData<SessionPhase, SessionPhase>();
        foreach (var from in Enum.GetValues<SessionPhase>())
        {
            foreach (var to in Enum.GetValues<SessionPhase>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_the_documented_transitions_are_allowed(SessionPhase from, SessionPhase to)
    {
        Assert.Equal(Legal.Contains((from, to)), InfusionSession.Allowed(from, to));
    }

    /// <summary>Every phase reached through the operations, with everything the next step would need in place.</summary>
    private static InfusionSession InPhase(SessionPhase phase) => phase switch
    {
        SessionPhase.Booked => Booked(),
        SessionPhase.CheckedIn => CheckedIn(),
        SessionPhase.Ordered => Ordered(),
        SessionPhase.Infusing => Infusing(),
        SessionPhase.Observing => Observing(),
        SessionPhase.Discharged => Completed(),
        SessionPhase.Signed => Signed(),
        SessionPhase.NotStarted => CompletedNotStarted(),
        _ => throw new ArgumentOutOfRangeException(nameof(phase)),
    };

    private static InfusionSession CompletedNotStarted()
    {
        var session = NotStarted();
        Ok(session.CompleteRecord(Nurse, CheckInUtc.AddMinutes(25)));
        return session;
    }

    /// <summary>The operation that moves a session into each phase, with valid input.</summary>
    private static DomainError? Into(InfusionSession session, SessionPhase to) => to switch
    {
        SessionPhase.CheckedIn => session.RecordCheckIn(GoodCheckIn(), Facts, Nurse, Later, Today).Error,
        SessionPhase.Ordered => session.Order(StandardDose, Clinician, Later, Today).Error,
        SessionPhase.Infusing => session.Start(Later, "LOT-9", Nurse, Later, Today).Error,
        SessionPhase.Observing => session.Stop(Later, null, Nurse, Later).Error,
        SessionPhase.Discharged => session.Discharge(AllAttested, Nurse, Later).Error,
        SessionPhase.Signed => session.Sign(Clinician, Later).Error,
        SessionPhase.NotStarted => session.MarkNotStarted("Patient declined today", Nurse, Later).Error,
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };

    public static TheoryData<SessionPhase, SessionPhase> EveryOperationFromEveryPhase()
    {
        var data = new TheoryData<SessionPhase, SessionPhase>();
        foreach (var from in Enum.GetValues<SessionPhase>())
        {
            foreach (var to in Enum.GetValues<SessionPhase>().Where(p => p != SessionPhase.Booked))
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOperationFromEveryPhase))]
    public void Each_operation_succeeds_exactly_where_the_table_allows_it_and_otherwise_says_why(SessionPhase from, SessionPhase to)
    {
        var session = InPhase(from);
        Assert.Equal(from, session.Phase);
        var version = session.Version;

        var error = Into(session, to);

        if (Legal.Contains((from, to)))
        {
            Assert.Null(error);
            Assert.Equal(to, session.Phase);
            Assert.NotEqual(version, session.Version);
        }
        else
        {
            Assert.NotNull(error);
            string[] reasons = to == SessionPhase.Signed
                ? ["session.transition", "session.closed", "session.not_completed"]
                : ["session.transition", "session.closed"];
            Assert.Contains(error.Code, reasons);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            Assert.Equal(from, session.Phase);
            Assert.Equal(version, session.Version);
        }
    }

    [Fact]
    public void Start_before_an_order_is_refused_with_the_reason()
    {
        var session = CheckedIn();

        var error = Refused(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));

        Assert.Equal("session.transition", error.Code);
        Assert.Contains("checked in", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Events);
        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
    }

    [Fact]
    public void Order_after_the_infusion_started_is_refused()
    {
        var session = Infusing();

        var error = Refused(session.Order(StandardDose with { Dose = 0.4m }, Clinician, StartUtc.AddMinutes(5), Today));

        Assert.Equal("session.transition", error.Code);
        Assert.Single(session.Orders);
        Assert.Equal(0.5m, session.CurrentOrder!.Dose);
    }

    [Fact]
    public void Discharge_while_infusing_is_refused()
    {
        var session = Infusing();

        var error = Refused(session.Discharge(AllAttested, Nurse, StartUtc.AddMinutes(20)));

        Assert.Equal("session.transition", error.Code);
        Assert.Equal(SessionPhase.Infusing, session.Phase);
        Assert.Null(session.DischargedUtc);
    }

    [Fact]
    public void Checking_in_twice_is_refused_and_keeps_the_first_checklist()
    {
        var session = CheckedIn();

        var error = Refused(session.RecordCheckIn(GoodCheckIn() with { EscortName = "Someone Else" }, Facts, Nurse, CheckInUtc.AddMinutes(1), Today));

        Assert.Equal("session.transition", error.Code);
        Assert.Equal("Sam Lee", session.CheckIn!.EscortName);
        Assert.Single(session.Vitals);
    }

    [Fact]
    public void Vitals_before_check_in_are_refused()
    {
        var session = Booked();

        Assert.Equal("session.transition", Refused(session.RecordVitals(NormalVitals, CheckInUtc, Nurse, CheckInUtc)).Code);
        Assert.Empty(session.Vitals);
    }

    [Fact]
    public void Vitals_after_discharge_are_refused()
    {
        var session = Discharged();

        Assert.Equal("session.transition", Refused(session.RecordVitals(NormalVitals, DischargeUtc.AddMinutes(1), Nurse, DischargeUtc.AddMinutes(1))).Code);
    }

    [Fact]
    public void A_started_infusion_cannot_be_marked_not_started()
    {
        var session = Infusing();

        Assert.Equal("session.transition", Refused(session.MarkNotStarted("Changed our mind", Nurse, StartUtc.AddMinutes(1))).Code);
        Assert.Equal(SessionPhase.Infusing, session.Phase);
    }

    [Fact]
    public void Not_started_needs_a_reason_and_keeps_it()
    {
        var session = CheckedIn();

        Assert.Equal("session.reason", Refused(session.MarkNotStarted("  ", Nurse, CheckInUtc.AddMinutes(5))).Code);
        Ok(session.MarkNotStarted(" Fasting not met ", Nurse, CheckInUtc.AddMinutes(5)));

        Assert.Equal(SessionPhase.NotStarted, session.Phase);
        Assert.Equal("Fasting not met", session.EndReason);
    }

    [Fact]
    public void Not_started_retires_the_current_order_so_nothing_can_be_infused_from_it()
    {
        var session = Ordered();

        Ok(session.MarkNotStarted("Patient unwell", Nurse, OrderUtc.AddMinutes(5)));

        Assert.Null(session.CurrentOrder);
        Assert.Equal(OrderUtc.AddMinutes(5), session.Orders.Single().ReplacedUtc);
        Assert.Equal("session.transition", Refused(session.Start(OrderUtc.AddMinutes(6), "LOT-1", Nurse, OrderUtc.AddMinutes(6), Today)).Code);
    }

    [Fact]
    public void Pause_stop_and_resume_before_the_infusion_are_refused()
    {
        var session = Ordered();

        Assert.Equal("session.transition", Refused(session.Pause(OrderUtc, "Nausea", Nurse, OrderUtc)).Code);
        Assert.Equal("session.transition", Refused(session.Resume(OrderUtc, Nurse, OrderUtc)).Code);
        Assert.Equal("session.transition", Refused(session.Stop(OrderUtc, "Nausea", Nurse, OrderUtc)).Code);
        Assert.Equal("session.transition", Refused(session.Slow(OrderUtc, 30m, "Nausea", Nurse, OrderUtc)).Code);
        Assert.Empty(session.Events);
    }

    [Fact]
    public void Pause_and_resume_after_the_stop_are_refused()
    {
        var session = Observing();
        var at = DischargeUtc;

        Assert.Equal("session.transition", Refused(session.Pause(at, "Nausea", Nurse, at)).Code);
        Assert.Equal("session.transition", Refused(session.Resume(at, Nurse, at)).Code);
        Assert.Single(session.Events, e => e.Kind == InfusionEventKind.Stopped);
    }

    [Fact]
    public void Completing_before_discharge_is_refused()
    {
        var session = Observing();

        Assert.Equal("session.transition", Refused(session.CompleteRecord(Nurse, DischargeUtc)).Code);
        Assert.Null(session.NurseCompletedUtc);
    }
}
