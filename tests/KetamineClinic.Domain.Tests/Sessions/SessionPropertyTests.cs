using FsCheck;
using FsCheck.Fluent;
using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>
/// Random sequences of everything a nurse or clinician can do to a session, with good and bad input, checked after
/// every step: no infusion starts without a current order on a current weight, a complete checklist and — when the
/// baseline was above 140/90 — a clinician's go-ahead; a signed session never changes, it only gains amendments.
/// The sequences follow the ordinary path of a session with steps dropped and random steps mixed in, so most runs
/// get far into the session; each ends with arbitrary steps, which after a signature are all attempts to change it.
/// </summary>
public sealed class SessionPropertyTests
{
    /// <summary>21:00 UTC, so a few long waits carry a session past midnight and an order's weight can go stale.</summary>
    private static readonly DateTime Begin = new(2026, 3, 10, 21, 0, 0, DateTimeKind.Utc);

    [FsCheck.Xunit.Property(MaxTest = 400)]
    public Property No_sequence_of_actions_starts_an_infusion_unsafely_or_changes_a_signed_record() =>
        Prop.ForAll(Arb.From(Sequences, Shorter), steps =>
        {
            var run = new Run();
            foreach (var step in steps)
            {
                run.Apply(step);
            }
        });

    [Fact]
    public void The_generated_sequences_reach_every_part_of_the_session()
    {
        // Guards the property above against vacuous runs: enough sequences start infusions, need go-aheads, are
        // refused for a missing go-ahead, and are signed and then tried again.
        var runs = Sequences.Sample(400, 200).Select(steps =>
        {
            var run = new Run();
            foreach (var step in steps)
            {
                run.Apply(step);
            }

            return run;
        }).ToList();

        // Typically about 145, 70, 14, 125 and 23 of 200; the floors sit far below so a good generator never fails.
        Assert.True(runs.Count(r => r.Started) >= 50, $"started: {runs.Count(r => r.Started)}");
        Assert.True(runs.Count(r => r.Started && r.Session.GoAheadRequired) >= 20, $"started after a go-ahead: {runs.Count(r => r.Started && r.Session.GoAheadRequired)}");
        Assert.True(runs.Count(r => r.RefusedForGoAhead) >= 4, $"refused for the go-ahead: {runs.Count(r => r.RefusedForGoAhead)}");
        Assert.True(runs.Count(r => r.StepsAfterSigning > 0) >= 40, $"changed after signing: {runs.Count(r => r.StepsAfterSigning > 0)}");
        Assert.True(runs.Count(r => r.StepsAfterSigning > 0 && r.Started) >= 6, $"infused, signed, tried: {runs.Count(r => r.StepsAfterSigning > 0 && r.Started)}");
    }

    // ---- the steps ----

    private abstract record Step;

    private sealed record Wait(int Minutes) : Step;

    /// <summary>Minutes ago (or none), escort and medicines, facts from the server, the weight's age in days (or
    /// none), the baseline and the planned start relative to now.</summary>
    private sealed record CheckInStep(int? SolidMinutesAgo, int? LiquidMinutesAgo, bool Escort, bool MedicinesHeld, bool Consent, bool Eligible, int? WeightAgeDays, Baseline Baseline, int PlannedStartInMinutes) : Step;

    private enum Baseline
    {
        Normal,
        AtThreshold,
        SystolicHigh,
        DiastolicHigh,
        Alarming,
        Implausible,
        Missing,
    }

    private sealed record GoAheadStep(bool ByClinician) : Step;

    private sealed record OrderStep(bool ByClinician, decimal Dose, bool WithReason, int WeightAgeDays, int Minutes) : Step;

    private sealed record StartStep(bool WithLot, int MinutesBack) : Step;

    private sealed record VitalsStep(Reading Reading, int MinutesBack) : Step;

    private enum Reading
    {
        Normal,
        High,
        Alarming,
        Implausible,
    }

    private sealed record PauseStep(bool WithReason) : Step;

    private sealed record ResumeStep : Step;

    private sealed record SlowStep(decimal RateMgPerHour) : Step;

    private sealed record StopStep(bool WithReason) : Step;

    private sealed record AcknowledgeStep(bool WithAction) : Step;

    private sealed record SideEffectStep(bool Valid, bool ChangeExisting) : Step;

    private sealed record DischargeStep(bool Alert, bool Escort, bool Instructions) : Step;

    private sealed record NotStartedStep(bool WithReason) : Step;

    private sealed record NoteStep(string? Text) : Step;

    private sealed record CompleteStep : Step;

    private sealed record SignStep(bool ByClinician) : Step;

    private sealed record AmendStep(bool Valid) : Step;

    // ---- the generators ----

    private static Gen<bool> Mostly => Usually(Gen.Constant(true), Gen.Constant(false));

    /// <summary>Mostly a good value, sometimes a bad one: each field on its own is usually right, so whole forms are
    /// often accepted and the rare wrong field is still tried everywhere.</summary>
    private static Gen<T> Usually<T>(Gen<T> good, Gen<T> bad) => Gen.Frequency((10, good), (1, bad));

    private static Gen<Step> Waiting => Gen.Elements(1, 5, 10, 30, 45, 60, 240).Select(m => (Step)new Wait(m));

    private static Gen<Step> CheckingIn =>
        from solid in Usually(Gen.Elements<int?>(600, 360), Gen.Elements<int?>(359, 120, null))
        from liquid in Usually(Gen.Elements<int?>(240, 120), Gen.Elements<int?>(119, 30, null))
        from escort in Mostly
        from medicines in Mostly
        from consent in Mostly
        from eligible in Mostly
        from weightAge in Usually(Gen.Elements<int?>(0, 3, 30), Gen.Elements<int?>(31, -1, null))
        from baseline in Usually(
            Gen.Elements(Baseline.Normal, Baseline.Normal, Baseline.AtThreshold, Baseline.SystolicHigh, Baseline.DiastolicHigh, Baseline.Alarming),
            Gen.Elements(Baseline.Implausible, Baseline.Missing))
        from planned in Gen.Elements(-30, 0, 0, 45)
        select (Step)new CheckInStep(solid, liquid, escort, medicines, consent, eligible, weightAge, baseline, planned);

    private static Gen<Step> GivingGoAhead => Mostly.Select(c => (Step)new GoAheadStep(c));

    private static Gen<Step> Ordering =>
        from clinician in Mostly
        from dose in Usually(Gen.Elements(0.5m, 0.5m, 0.3m, 0.75m, 0.05m, 0.8m, 1.0m), Gen.Elements(1.2m, 0m))
        from reason in Mostly
        from weightAge in Usually(Gen.Elements(0, 3, 30, 30), Gen.Constant(31))
        from minutes in Usually(Gen.Elements(40, 40, 20), Gen.Constant(0))
        select (Step)new OrderStep(clinician, dose, reason, weightAge, minutes);

    private static Gen<Step> Starting =>
        from lot in Mostly
        from back in Gen.Elements(0, 0, 0, 20)
        select (Step)new StartStep(lot, back);

    private static Gen<Step> TakingVitals =>
        from reading in Gen.Frequency((5, Gen.Constant(Reading.Normal)), (2, Gen.Constant(Reading.High)), (1, Gen.Constant(Reading.Alarming)), (1, Gen.Constant(Reading.Implausible)))
        from back in Gen.Elements(0, 0, 3)
        select (Step)new VitalsStep(reading, back);

    private static Gen<Step> Stopping => Mostly.Select(r => (Step)new StopStep(r));

    private static Gen<Step> Acknowledging => Mostly.Select(a => (Step)new AcknowledgeStep(a));

    private static Gen<Step> Discharging =>
        from alert in Mostly
        from escort in Mostly
        from instructions in Mostly
        select (Step)new DischargeStep(alert, escort, instructions);

    private static Gen<Step> Signing => Mostly.Select(c => (Step)new SignStep(c));

    private static Gen<Step> AnyStep => Gen.OneOf(
        Waiting, CheckingIn, GivingGoAhead, Ordering, Starting, TakingVitals,
        Mostly.Select(r => (Step)new PauseStep(r)),
        Gen.Constant((Step)new ResumeStep()),
        Gen.Elements(20m, 45m, 100m).Select(r => (Step)new SlowStep(r)),
        Stopping, Acknowledging,
        from valid in Mostly from change in Gen.Elements(true, false) select (Step)new SideEffectStep(valid, change),
        Discharging,
        Mostly.Select(r => (Step)new NotStartedStep(r)),
        Gen.Elements<string?>("Calm", null, "Rewritten later").Select(t => (Step)new NoteStep(t)),
        Gen.Constant((Step)new CompleteStep()),
        Signing,
        Mostly.Select(v => (Step)new AmendStep(v)));

    /// <summary>The ordinary path of an infusion.</summary>
    private static Gen<Step>[] Infusion =>
    [
        CheckingIn, CheckingIn, GivingGoAhead, Ordering, Ordering, Gen.Constant((Step)new Wait(5)), Starting, GivingGoAhead, Starting, TakingVitals,
        Gen.Elements(10, 30, 40).Select(m => (Step)new Wait(m)), TakingVitals, Stopping,
        Gen.Elements(30, 60).Select(m => (Step)new Wait(m)), TakingVitals, Gen.Elements(30, 60).Select(m => (Step)new Wait(m)), TakingVitals,
        Discharging, Acknowledging, Acknowledging, Gen.Constant((Step)new CompleteStep()), Signing,
    ];

    /// <summary>The path of a session that does not reach the infusion.</summary>
    private static Gen<Step>[] NotStarted =>
    [
        CheckingIn, CheckingIn, Ordering, Mostly.Select(r => (Step)new NotStartedStep(r)), Acknowledging, Gen.Constant((Step)new CompleteStep()), Signing,
    ];

    private static Gen<List<Step>> Sequences =>
        from path in Gen.Frequency((3, Gen.Constant(Infusion)), (1, Gen.Constant(NotStarted)))
        from chunks in Gen.CollectToList(path.Select(step =>
            from keep in Gen.Frequency((7, Gen.Constant(true)), (1, Gen.Constant(false)))
            from chosen in step
            from noiseCount in Gen.Frequency((5, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)))
            from noise in AnyStep.ListOf(noiseCount)
            select keep ? noise.Append(chosen).ToList() : noise.ToList()))
        from tailCount in Gen.Choose(0, 8)
        from tail in AnyStep.ListOf(tailCount)
        select chunks.SelectMany(c => c).Concat(tail).ToList();

    private static IEnumerable<List<Step>> Shorter(List<Step> steps) =>
        Enumerable.Range(0, steps.Count).Select(i => steps.Where((_, j) => j != i).ToList());

    // ---- the run and its invariants ----

    private sealed class Run
    {
        private static readonly VitalsInput NormalReading = new(118, 76, 70, 98, 14);

        private CheckInInput? _acceptedCheckIn;
        private CheckInFacts? _acceptedFacts;
        private DateTime _acceptedCheckInUtc;

        public InfusionSession Session { get; } = InfusionSession.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ProtocolWith(Depression), Begin.AddDays(-7));

        public DateTime Now { get; private set; } = Begin;

        public bool Started { get; private set; }

        public bool RefusedForGoAhead { get; private set; }

        public int StepsAfterSigning { get; private set; }

        private DateOnly Today => DateOnly.FromDateTime(Now);

        public void Apply(Step step)
        {
            Now = Now.AddMinutes(1);
            var before = Observe();
            var signedBefore = Session.IsSigned ? RecordSnapshot.Of(Session) : null;
            var amendmentsBefore = Session.Amendments.ToList();
            var versionBefore = Session.Version;

            Act(step);

            Check(step, before);
            if (signedBefore is not null)
            {
                StepsAfterSigning++;
                Assert.True(signedBefore == RecordSnapshot.Of(Session), $"A signed session changed on {step}.");
                Assert.Equal(amendmentsBefore, Session.Amendments.Take(amendmentsBefore.Count));
                var added = Session.Amendments.Count - amendmentsBefore.Count;
                Assert.True(added == 0 || (step is AmendStep && added == 1), $"{added} amendments appeared on {step}.");
                Assert.True(added == 1 || Session.Version == versionBefore, $"The version of a signed session moved on {step}.");
            }
        }

        private void Act(Step step)
        {
            var s = Session;
            switch (step)
            {
                case Wait w:
                    Now = Now.AddMinutes(w.Minutes);
                    break;
                case CheckInStep c:
                    var input = new CheckInInput(
                        c.SolidMinutesAgo is { } solid ? Now.AddMinutes(-solid) : null,
                        c.LiquidMinutesAgo is { } liquid ? Now.AddMinutes(-liquid) : null,
                        c.Escort ? "Sam Lee" : " ",
                        c.Escort ? "555-0100" : null,
                        c.MedicinesHeld,
                        c.WeightAgeDays is null ? null : 82.4m,
                        c.WeightAgeDays is { } age ? Today.AddDays(-age) : null,
                        c.Baseline switch
                        {
                            Baseline.Normal => NormalReading,
                            Baseline.AtThreshold => NormalReading with { Systolic = 140, Diastolic = 90 },
                            Baseline.SystolicHigh => NormalReading with { Systolic = 141 },
                            Baseline.DiastolicHigh => NormalReading with { Diastolic = 91 },
                            Baseline.Alarming => new VitalsInput(185, 105, 112, 97, 16),
                            Baseline.Implausible => NormalReading with { Systolic = 40 },
                            _ => null,
                        });
                    var facts = new CheckInFacts(c.Consent, c.Eligible, Now.AddMinutes(c.PlannedStartInMinutes));
                    if (s.RecordCheckIn(input, facts, Nurse, Now, Today).IsSuccess)
                    {
                        (_acceptedCheckIn, _acceptedFacts, _acceptedCheckInUtc) = (input, facts, Now);
                    }

                    break;
                case GoAheadStep g:
                    s.GiveGoAhead("Rechecked", g.ByClinician ? Clinician : Nurse, Now);
                    break;
                case OrderStep o:
                    s.Order(new DoseInput(o.Dose, 82.4m, Today.AddDays(-o.WeightAgeDays), o.Minutes, o.WithReason ? "Partial response" : null), o.ByClinician ? Clinician : Nurse, Now, Today);
                    break;
                case StartStep st:
                    var start = s.Start(Now.AddMinutes(-st.MinutesBack), st.WithLot ? "LOT-42" : null, Nurse, Now, Today);
                    RefusedForGoAhead |= start.Error?.Code == "session.go_ahead";
                    break;
                case VitalsStep v:
                    s.RecordVitals(v.Reading switch
                    {
                        Reading.Normal => NormalReading,
                        Reading.High => new VitalsInput(165, 98, 104, 95, 12),
                        Reading.Alarming => new VitalsInput(182, 101, 120, 90, 8),
                        _ => NormalReading with { SpO2 = 120 },
                    }, Now.AddMinutes(-v.MinutesBack), Nurse, Now);
                    break;
                case PauseStep p:
                    s.Pause(Now, p.WithReason ? "Nausea" : null, Nurse, Now);
                    break;
                case ResumeStep:
                    s.Resume(Now, Nurse, Now);
                    break;
                case SlowStep sl:
                    s.Slow(Now, sl.RateMgPerHour, "Dizzy", Nurse, Now);
                    break;
                case StopStep sp:
                    s.Stop(Now, sp.WithReason ? "Patient asked to stop" : null, Nurse, Now);
                    break;
                case AcknowledgeStep a:
                    s.AcknowledgeAlert(s.Alerts.FirstOrDefault(x => x.IsOpen)?.Id ?? s.Alerts.FirstOrDefault()?.Id ?? Guid.NewGuid(), a.WithAction ? "Paused and rechecked" : null, Nurse, Now);
                    break;
                case SideEffectStep e:
                    var effect = e.Valid ? Nausea(Now.AddMinutes(-2)) : Nausea(Now) with { Type = SideEffectType.Sedation, Moaas = null };
                    s.RecordSideEffect(e.ChangeExisting ? s.SideEffects.FirstOrDefault()?.Id : null, effect, Nurse, Now);
                    break;
                case DischargeStep d:
                    s.Discharge(new DischargeAttestation(d.Alert, d.Escort, d.Instructions), Nurse, Now);
                    break;
                case NotStartedStep n:
                    s.MarkNotStarted(n.WithReason ? "Patient declined" : null, Nurse, Now);
                    break;
                case NoteStep note:
                    s.SaveNote(note.Text, Nurse, Now);
                    break;
                case CompleteStep:
                    s.CompleteRecord(Nurse, Now);
                    break;
                case SignStep sign:
                    s.Sign(sign.ByClinician ? Clinician : Nurse, Now);
                    break;
                case AmendStep am:
                    s.Amend("Nurse's note", am.Valid ? "Pause lasted 3 minutes." : " ", "Detail added", Clinician, Now);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(step));
            }
        }

        private sealed record Observed(SessionPhase Phase, int StartedEvents, DoseOrder? CurrentOrder, CheckInRecord? CheckIn, DateTime? GoAheadUtc, string? GoAheadBy);

        private Observed Observe() => new(
            Session.Phase, Session.Events.Count(e => e.Kind == InfusionEventKind.Started), Session.CurrentOrder, Session.CheckIn, Session.GoAheadUtc, Session.GoAheadByName);

        private void Check(Step step, Observed before)
        {
            var s = Session;
            var started = s.Events.Where(e => e.Kind == InfusionEventKind.Started).ToList();
            Assert.True(started.Count <= 1, "The infusion was started twice.");
            Assert.True(s.Events.Count(e => e.Kind == InfusionEventKind.Stopped) <= 1, "The infusion was stopped twice.");
            Assert.True(s.Phase != SessionPhase.Infusing || (started.Count == 1 && s.CurrentOrder is not null), "Infusing without a start or a current order.");
            if (started.Count == 0)
            {
                Assert.True(s.Phase is SessionPhase.Booked or SessionPhase.CheckedIn or SessionPhase.Ordered or SessionPhase.NotStarted || (s.Phase == SessionPhase.Signed && s.EndReason is not null && !s.Events.Any()),
                    $"Phase {s.Phase} without an infusion.");
                return;
            }

            var start = started[0];
            if (before.StartedEvents == 0)
            {
                Started = true;
                CheckStartWasSafe(step, before, start);
            }

            // Whatever happens later, the record still shows the go-ahead before the start when the baseline was high.
            var baseline = s.Vitals[0];
            if (baseline.Systolic > 140 || baseline.Diastolic > 90)
            {
                Assert.True(s.GoAheadUtc is { } goAhead && goAhead <= start.AtUtc, $"Started at {start.AtUtc:HH:mm} on a baseline of {baseline.Systolic}/{baseline.Diastolic} without a go-ahead before it.");
            }
        }

        private void CheckStartWasSafe(Step step, Observed before, InfusionEvent start)
        {
            Assert.IsType<StartStep>(step);

            // A complete checklist: what was accepted at check-in meets every item, measured independently here.
            Assert.NotNull(before.CheckIn);
            var input = _acceptedCheckIn!;
            var facts = _acceptedFacts!;
            Assert.True(facts.ConsentCurrent && facts.EligibilityCurrent, "Checked in without current consent or eligibility.");
            Assert.False(string.IsNullOrWhiteSpace(input.EscortName) || string.IsNullOrWhiteSpace(input.EscortPhone), "Checked in without an escort.");
            Assert.True(input.MedicinesHeldAsInstructed, "Checked in without the medicines held.");
            var fastingTo = facts.PlannedStartUtc > _acceptedCheckInUtc ? facts.PlannedStartUtc : _acceptedCheckInUtc;
            Assert.True(fastingTo - input.LastSolidFoodUtc!.Value >= TimeSpan.FromHours(6), "Checked in without 6 h of fasting from solids.");
            Assert.True(fastingTo - input.LastClearLiquidUtc!.Value >= TimeSpan.FromHours(2), "Checked in without 2 h of fasting from clear liquids.");
            Assert.NotNull(input.Baseline);

            // A valid, current order on a current weight, ordered before the start.
            var order = before.CurrentOrder;
            Assert.NotNull(order);
            Assert.True(order.IsCurrent, "The order was replaced.");
            Assert.Equal(Clinician.Id, order.OrderedBy);
            Assert.True(order.Dose is > 0 and <= 1.0m, $"Dose {order.Dose} mg/kg outside (0, ceiling].");
            Assert.True(order.Dose is >= 0.1m and <= 0.75m || !string.IsNullOrWhiteSpace(order.OverrideReason), "Outside the usual range without a reason.");
            Assert.Equal(Math.Round(order.Dose * order.WeightKg, 2), order.TotalMg);
            Assert.Equal(order.RateMgPerHour, start.RateMgPerHour);
            var weightAge = Today.DayNumber - order.WeightMeasuredOn.DayNumber;
            Assert.True(weightAge is >= 0 and <= 30, $"Started on a weight {weightAge} days old.");
            Assert.True(start.AtUtc >= order.OrderedUtc, "Started before the order.");

            // The go-ahead by a clinician when the baseline was above 140/90 (not at it).
            var baseline = input.Baseline!;
            if (baseline.Systolic > 140 || baseline.Diastolic > 90)
            {
                Assert.True(before.GoAheadUtc is not null, $"Started on a baseline of {baseline.Systolic}/{baseline.Diastolic} without a go-ahead.");
                Assert.Equal(Clinician.Name, before.GoAheadBy);
            }
        }
    }
}
