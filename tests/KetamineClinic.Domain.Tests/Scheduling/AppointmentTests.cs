using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class AppointmentTests
{
    // An infusion on Wednesday 2 December 2026, 14:00–15:40 UTC, booked three days before.
    private static readonly DateTime Start = new(2026, 12, 2, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime BookedAt = Start.AddDays(-3);
    private static readonly Guid Chair = Guid.NewGuid();
    private static readonly Actor Intake = new("intake-1", "Ivy Intake");
    private static readonly Actor Nurse = new("nurse-1", "Noah Nurse");
    private static readonly Actor OtherNurse = new("nurse-2", "Nina Nurse");
    private static readonly Actor Admin = new("admin-1", "Ada Admin", IsAdministrator: true);

    private static BookingPlace Place(DateTime? start = null, int minutes = 100, Guid? chair = null, string? nurse = "nurse-1", string? clinician = "clin-1")
    {
        var from = start ?? Start;
        return new(from, from.AddMinutes(minutes), chair, nurse, clinician);
    }

    private static BookingPlace InfusionPlace(DateTime? start = null, int minutes = 100) => Place(start, minutes, Chair);

    private static Appointment Infusion(DateTime? start = null) =>
        Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(start), Guid.NewGuid(), null, null, Intake, BookedAt).Value;

    /// <summary>A booking brought to <paramref name="status"/> by the usual path, an hour before it starts.</summary>
    private static Appointment In(AppointmentStatus status)
    {
        var a = Infusion();
        var now = Start.AddHours(-1);
        AppointmentStatus[] path = status switch
        {
            AppointmentStatus.Booked => [],
            AppointmentStatus.Arrived => [AppointmentStatus.Arrived],
            AppointmentStatus.InProgress => [AppointmentStatus.Arrived, AppointmentStatus.InProgress],
            AppointmentStatus.Fulfilled => [AppointmentStatus.Arrived, AppointmentStatus.InProgress, AppointmentStatus.Fulfilled],
            AppointmentStatus.NoShow => [AppointmentStatus.NoShow],
            AppointmentStatus.EnteredInError => [AppointmentStatus.EnteredInError],
            _ => [],
        };
        if (status == AppointmentStatus.NoShow)
        {
            now = Start.AddMinutes(30);
        }

        foreach (var step in path)
        {
            Assert.True(a.ChangeStatus(step, "set up", Nurse, now).IsSuccess);
        }

        if (status == AppointmentStatus.Cancelled)
        {
            Assert.True(a.Cancel(CancellationReason.Patient, null, Intake, now).IsSuccess);
        }

        Assert.Equal(status, a.Status);
        return a;
    }

    public static TheoryData<AppointmentStatus, AppointmentStatus> EveryPair()
    {
        var data = new TheoryData<AppointmentStatus, AppointmentStatus>();
        foreach (var from in Enum.GetValues<AppointmentStatus>())
        {
            foreach (var to in Enum.GetValues<AppointmentStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Fact]
    public void A_booked_infusion_keeps_its_place_course_and_who_booked_it()
    {
        var course = Guid.NewGuid();

        var booked = Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(), course, null, "  First session ", Intake, BookedAt);

        Assert.True(booked.IsSuccess, booked.Error?.Message);
        var a = booked.Value;
        Assert.Equal(AppointmentStatus.Booked, a.Status);
        Assert.Equal((Start, Start.AddMinutes(100), Chair, "nurse-1", "clin-1"), (a.StartUtc, a.EndUtc, a.ChairId, a.NurseId, a.ClinicianId));
        Assert.Equal(DateTimeKind.Utc, a.StartUtc.Kind);
        Assert.Equal(course, a.CourseId);
        Assert.Equal("First session", a.Note);
        Assert.Equal(("intake-1", "Ivy Intake", BookedAt), (a.CreatedBy, a.CreatedByName, a.CreatedUtc));
        Assert.True(a.Counts);
    }

    [Theory]
    [InlineData(AppointmentType.InfusionSession)]
    [InlineData(AppointmentType.Booster)]
    public void An_infusion_or_booster_needs_a_chair_a_nurse_and_a_course(AppointmentType type)
    {
        var patient = Guid.NewGuid();

        Assert.Equal(AppointmentErrors.ChairRequired, Appointment.Book(patient, type, Place(chair: null), Guid.NewGuid(), null, null, Intake, BookedAt).Error);
        Assert.Equal(AppointmentErrors.NurseRequired, Appointment.Book(patient, type, Place(chair: Chair, nurse: null), Guid.NewGuid(), null, null, Intake, BookedAt).Error);
        Assert.Equal(AppointmentErrors.CourseRequired, Appointment.Book(patient, type, InfusionPlace(), null, null, null, Intake, BookedAt).Error);
        Assert.True(Appointment.Book(patient, type, InfusionPlace(), Guid.NewGuid(), null, null, Intake, BookedAt).IsSuccess);
    }

    [Theory]
    [InlineData(AppointmentType.IntakeConsultation)]
    [InlineData(AppointmentType.FollowUp)]
    public void A_consultation_needs_a_clinician_but_no_chair_nurse_or_course(AppointmentType type)
    {
        var patient = Guid.NewGuid();

        Assert.True(Appointment.Book(patient, type, Place(nurse: null), null, null, null, Intake, BookedAt).IsSuccess);
        Assert.Equal(AppointmentErrors.ClinicianRequired, Appointment.Book(patient, type, Place(nurse: null, clinician: null), null, null, null, Intake, BookedAt).Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void A_booking_must_end_after_it_starts(int minutes)
    {
        Assert.Equal(AppointmentErrors.EndBeforeStart,
            Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(minutes: minutes), Guid.NewGuid(), null, null, Intake, BookedAt).Error);
    }

    [Fact]
    public void A_booking_lasts_at_most_eight_hours()
    {
        var eight = (int)Appointment.MaxLength.TotalMinutes;

        Assert.True(Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(minutes: eight), Guid.NewGuid(), null, null, Intake, BookedAt).IsSuccess);
        Assert.Equal(AppointmentErrors.TooLong,
            Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(minutes: eight + 1), Guid.NewGuid(), null, null, Intake, BookedAt).Error);
    }

    [Fact]
    public void A_booking_cannot_start_in_the_past_beyond_a_few_minutes_of_typing()
    {
        var now = Start.AddMinutes(10);

        Assert.Equal(AppointmentErrors.InPast,
            Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(), Guid.NewGuid(), null, null, Intake, now).Error);
        Assert.True(Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(), Guid.NewGuid(), null, null, Intake, Start.AddMinutes(4)).IsSuccess);
    }

    [Fact]
    public void A_note_longer_than_the_limit_is_refused()
    {
        var note = new string('x', Appointment.MaxNoteLength + 1);

        Assert.Equal(AppointmentErrors.NoteTooLong,
            Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(), Guid.NewGuid(), null, note, Intake, BookedAt).Error);
    }

    [Fact]
    public void Moving_a_booked_appointment_keeps_the_previous_time_in_its_history()
    {
        var a = Infusion();
        var versionBefore = a.Version;
        var later = Start.AddHours(2);

        var moved = a.Move(InfusionPlace(later), " Patient asked ", Intake, BookedAt.AddHours(1));

        Assert.True(moved.IsSuccess, moved.Error?.Message);
        Assert.Equal((later, later.AddMinutes(100)), (a.StartUtc, a.EndUtc));
        Assert.NotEqual(versionBefore, a.Version);
        var entry = a.History[^1];
        Assert.Equal(AppointmentAction.Moved, entry.Action);
        Assert.Equal("From 2026-12-02 14:00–15:40 UTC", entry.Detail);
        Assert.Equal("Patient asked", entry.Reason);
        Assert.Equal(later, entry.StartUtc);
    }

    [Theory]
    [InlineData(AppointmentStatus.Arrived)]
    [InlineData(AppointmentStatus.InProgress)]
    [InlineData(AppointmentStatus.Fulfilled)]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.NoShow)]
    [InlineData(AppointmentStatus.EnteredInError)]
    public void Only_a_booked_appointment_can_move(AppointmentStatus status)
    {
        var a = In(status);
        var entries = a.History.Count;

        var moved = a.Move(InfusionPlace(Start.AddHours(2)), null, Intake, Start.AddHours(-1));

        Assert.Equal(AppointmentErrors.NotMovable(status), moved.Error);
        Assert.Equal(Start, a.StartUtc);
        Assert.Equal(entries, a.History.Count);
    }

    [Fact]
    public void A_move_into_the_past_or_to_an_invalid_place_is_refused_and_nothing_changes()
    {
        var a = Infusion();

        Assert.Equal(AppointmentErrors.InPast, a.Move(InfusionPlace(BookedAt.AddHours(-1)), null, Intake, BookedAt).Error);
        Assert.Equal(AppointmentErrors.ChairRequired, a.Move(Place(Start.AddHours(1)), null, Intake, BookedAt).Error);
        Assert.Equal(AppointmentErrors.EndBeforeStart, a.Move(InfusionPlace(Start.AddHours(1), minutes: 0), null, Intake, BookedAt).Error);
        Assert.Equal(Start, a.StartUtc);
        Assert.Single(a.History);
    }

    [Fact]
    public void The_status_path_is_booked_arrived_in_progress_fulfilled_with_no_show_and_entered_in_error()
    {
        var allowed = new HashSet<(AppointmentStatus, AppointmentStatus)>
        {
            (AppointmentStatus.Booked, AppointmentStatus.Arrived),
            (AppointmentStatus.Booked, AppointmentStatus.NoShow),
            (AppointmentStatus.Booked, AppointmentStatus.EnteredInError),
            (AppointmentStatus.Arrived, AppointmentStatus.InProgress),
            (AppointmentStatus.Arrived, AppointmentStatus.EnteredInError),
            (AppointmentStatus.InProgress, AppointmentStatus.Fulfilled),
            (AppointmentStatus.InProgress, AppointmentStatus.EnteredInError),
            (AppointmentStatus.Fulfilled, AppointmentStatus.EnteredInError),
            (AppointmentStatus.NoShow, AppointmentStatus.EnteredInError),
        };

        foreach (var from in Enum.GetValues<AppointmentStatus>())
        {
            foreach (var to in Enum.GetValues<AppointmentStatus>())
            {
                Assert.True(allowed.Contains((from, to)) == Appointment.Allowed(from, to), $"{from} → {to}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void A_status_change_succeeds_exactly_when_the_transition_is_allowed(AppointmentStatus from, AppointmentStatus to)
    {
        var a = In(from);
        var entries = a.History.Count;

        var changed = a.ChangeStatus(to, "reason given", Nurse, Start.AddMinutes(30));

        if (to == AppointmentStatus.Cancelled)
        {
            Assert.Equal(AppointmentErrors.UseCancel, changed.Error);
        }
        else if (Appointment.Allowed(from, to))
        {
            Assert.True(changed.IsSuccess, changed.Error?.Message);
            Assert.Equal(to, a.Status);
            Assert.Equal(from, a.PreviousStatus);
            Assert.Equal(entries + 1, a.History.Count);
        }
        else
        {
            Assert.Equal(AppointmentErrors.IllegalTransition(from, to), changed.Error);
            Assert.Equal(from, a.Status);
            Assert.Equal(entries, a.History.Count);
        }
    }

    [Fact]
    public void Entered_in_error_needs_a_reason()
    {
        var a = Infusion();

        Assert.Equal(AppointmentErrors.ReasonRequired, a.ChangeStatus(AppointmentStatus.EnteredInError, "  ", Intake, BookedAt).Error);
        Assert.True(a.ChangeStatus(AppointmentStatus.EnteredInError, "Booked for the wrong patient", Intake, BookedAt).IsSuccess);
        Assert.False(a.Counts);
        Assert.Equal("Booked for the wrong patient", a.History[^1].Reason);
    }

    [Fact]
    public void Checking_in_more_than_twelve_hours_before_the_start_is_too_early()
    {
        var a = Infusion();

        Assert.Equal(AppointmentErrors.TooEarly(AppointmentStatus.Arrived), a.ChangeStatus(AppointmentStatus.Arrived, null, Nurse, Start.AddHours(-13)).Error);
        Assert.Equal(AppointmentStatus.Booked, a.Status);
        Assert.True(a.ChangeStatus(AppointmentStatus.Arrived, null, Nurse, Start.AddHours(-1)).IsSuccess);
    }

    [Fact]
    public void A_no_show_can_be_marked_only_once_the_start_has_passed()
    {
        var a = Infusion();

        Assert.Equal(AppointmentErrors.NoShowBeforeStart, a.ChangeStatus(AppointmentStatus.NoShow, null, Nurse, Start.AddMinutes(-30)).Error);
        Assert.Equal(AppointmentStatus.Booked, a.Status);
        Assert.True(a.ChangeStatus(AppointmentStatus.NoShow, null, Nurse, Start.AddMinutes(20)).IsSuccess);
    }

    [Fact]
    public void Cancelling_needs_a_reason_and_other_needs_a_note()
    {
        var a = Infusion();

        Assert.Equal(AppointmentErrors.CancellationReasonRequired, a.Cancel((CancellationReason)0, "x", Intake, BookedAt).Error);
        Assert.Equal(AppointmentErrors.CancellationNoteRequired, a.Cancel(CancellationReason.Other, " ", Intake, BookedAt).Error);
        Assert.Equal(AppointmentStatus.Booked, a.Status);
        Assert.Single(a.History);

        Assert.True(a.Cancel(CancellationReason.Other, " Weather: roads closed ", Intake, BookedAt).IsSuccess);
        Assert.Equal((AppointmentStatus.Cancelled, CancellationReason.Other, "Weather: roads closed"), (a.Status, a.CancellationReason, a.CancellationNote));
        Assert.False(a.Counts);
    }

    [Theory]
    [InlineData(23, true)]
    [InlineData(1, true)]
    [InlineData(25, false)]
    [InlineData(72, false)]
    public void A_cancellation_within_24_hours_of_the_start_is_late(int hoursBefore, bool late)
    {
        var a = Infusion();

        Assert.True(a.Cancel(CancellationReason.Patient, null, Intake, Start.AddHours(-hoursBefore)).IsSuccess);

        Assert.Equal(late, a.LateCancellation);
        Assert.Equal(late, a.History[^1].Detail!.StartsWith("Late cancellation", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AppointmentStatus.InProgress)]
    [InlineData(AppointmentStatus.Fulfilled)]
    [InlineData(AppointmentStatus.NoShow)]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.EnteredInError)]
    public void Only_a_booked_or_checked_in_appointment_can_be_cancelled(AppointmentStatus status)
    {
        var a = In(status);

        Assert.Equal(AppointmentErrors.IllegalTransition(status, AppointmentStatus.Cancelled),
            a.Cancel(CancellationReason.Clinic, null, Intake, Start.AddHours(-1)).Error);
        Assert.True(In(AppointmentStatus.Arrived).Cancel(CancellationReason.Clinical, null, Nurse, Start.AddHours(-1)).IsSuccess);
    }

    [Fact]
    public void Undoing_a_cancellation_restores_the_previous_status_and_clears_the_cancellation()
    {
        var a = Infusion();
        Assert.True(a.Cancel(CancellationReason.Patient, "Unwell", Intake, Start.AddHours(-2)).IsSuccess);
        Assert.True(a.LateCancellation);

        var undone = a.UndoStatus("Cancelled the wrong booking", Intake, Start.AddHours(-2));

        Assert.True(undone.IsSuccess, undone.Error?.Message);
        Assert.Equal(AppointmentStatus.Booked, a.Status);
        Assert.Null(a.PreviousStatus);
        Assert.Equal((null, null, false), (a.CancellationReason, a.CancellationNote, a.LateCancellation));
        Assert.True(a.Counts);
        Assert.Equal(AppointmentAction.Undone, a.History[^1].Action);
        Assert.Equal("Cancelled undone; back to Booked.", a.History[^1].Detail);
        Assert.Equal(AppointmentErrors.NothingToUndo, a.UndoStatus("again", Intake, Start.AddHours(-2)).Error);
    }

    [Fact]
    public void Only_the_person_who_set_a_status_or_an_administrator_can_undo_it()
    {
        var byOther = In(AppointmentStatus.Arrived);
        var byAdmin = In(AppointmentStatus.Arrived);
        var bySetter = In(AppointmentStatus.Arrived);

        Assert.Equal(AppointmentErrors.UndoNotYours, byOther.UndoStatus("Wrong patient", OtherNurse, Start).Error);
        Assert.Equal(AppointmentStatus.Arrived, byOther.Status);
        Assert.True(byAdmin.UndoStatus("Wrong patient", Admin, Start).IsSuccess);
        Assert.True(bySetter.UndoStatus("Wrong patient", Nurse, Start).IsSuccess);
        Assert.Equal(AppointmentStatus.Booked, byAdmin.Status);
        Assert.Equal(AppointmentStatus.Booked, bySetter.Status);
    }

    [Fact]
    public void Undo_needs_a_reason_and_something_to_undo()
    {
        Assert.Equal(AppointmentErrors.NothingToUndo, Infusion().UndoStatus("Mistake", Admin, Start).Error);
        var a = In(AppointmentStatus.Arrived);
        Assert.Equal(AppointmentErrors.ReasonRequired, a.UndoStatus(" ", Nurse, Start).Error);
        Assert.Equal(AppointmentStatus.Arrived, a.Status);
    }

    [Fact]
    public void Every_action_appends_one_history_entry_with_who_when_and_why()
    {
        var a = Infusion();
        AssertLast(a, 1, AppointmentAction.Created, Intake, BookedAt, null);

        Assert.True(a.Move(InfusionPlace(Start.AddHours(1)), "Patient's bus", Intake, BookedAt.AddHours(1)).IsSuccess);
        AssertLast(a, 2, AppointmentAction.Moved, Intake, BookedAt.AddHours(1), "Patient's bus");

        Assert.True(a.ChangeStatus(AppointmentStatus.Arrived, null, Nurse, Start).IsSuccess);
        AssertLast(a, 3, AppointmentAction.StatusChanged, Nurse, Start, null);

        Assert.True(a.UndoStatus("Checked in the wrong patient", Nurse, Start.AddMinutes(1)).IsSuccess);
        AssertLast(a, 4, AppointmentAction.Undone, Nurse, Start.AddMinutes(1), "Checked in the wrong patient");

        Assert.True(a.Cancel(CancellationReason.Clinical, "BP too high", Nurse, Start.AddMinutes(2)).IsSuccess);
        AssertLast(a, 5, AppointmentAction.Cancelled, Nurse, Start.AddMinutes(2), "BP too high");

        Assert.All(a.History, e => Assert.Equal((a.Id, a.PatientId), (e.AppointmentId, e.PatientId)));
        Assert.Equal([AppointmentStatus.Booked, AppointmentStatus.Booked, AppointmentStatus.Arrived, AppointmentStatus.Booked, AppointmentStatus.Cancelled],
            a.History.Select(e => e.Status));
    }

    [Fact]
    public void A_booking_made_as_part_of_a_series_says_so_in_its_history()
    {
        var series = Guid.NewGuid();

        var a = Appointment.Book(Guid.NewGuid(), AppointmentType.InfusionSession, InfusionPlace(), Guid.NewGuid(), series, null, Intake, BookedAt).Value;

        Assert.Equal(series, a.SeriesId);
        Assert.Equal("Booked as part of a series.", Assert.Single(a.History).Detail);
    }

    private static void AssertLast(Appointment a, int count, AppointmentAction action, Actor actor, DateTime at, string? reason)
    {
        Assert.Equal(count, a.History.Count);
        var e = a.History[^1];
        Assert.Equal((action, actor.Id, actor.Name, at, reason), (e.Action, e.ById, e.ByName, e.AtUtc, e.Reason));
    }
}
