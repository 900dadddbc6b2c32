using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Outcomes;

public enum MeasureContext
{
    Baseline = 1,
    PreInfusion = 2,
    FollowUp = 3,
}

public enum MeasureSource
{
    /// <summary>Entered by staff from the patient's answers (or rated by the clinician).</summary>
    Staff = 1,

    /// <summary>Filled by the patient on the clinic's kiosk link.</summary>
    Kiosk = 2,
}

/// <summary>One completed outcome measure (FHIR QuestionnaireResponse + Observation of the total).</summary>
public sealed class OutcomeMeasure
{
    private OutcomeMeasure()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public InstrumentCode Instrument { get; private set; }

    public MeasureContext Context { get; private set; }

    public Guid? IntakeAssessmentId { get; private set; }

    public Guid? CourseId { get; private set; }

    /// <summary>The visit it was taken at: the infusion booking (before an infusion) or the follow-up appointment.</summary>
    public Guid? AppointmentId { get; private set; }

    public DateTime TakenUtc { get; private set; }

    /// <summary>The item answers, in order (stored as JSON).</summary>
    public List<int> Items { get; private set; } = [];

    public int Total { get; private set; }

    public string Band { get; private set; } = "";

    public bool RaisedSuicideRiskAlert { get; private set; }

    public MeasureSource Source { get; private set; }

    public string EnteredBy { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }

    public static Result<OutcomeMeasure> Record(
        Guid patientId, InstrumentCode instrument, IReadOnlyList<int?> answers, MeasureContext context, DateTime takenUtc,
        MeasureSource source, string enteredBy, DateTime nowUtc, Guid? intakeAssessmentId = null, Guid? courseId = null,
        Guid? appointmentId = null)
    {
        if (takenUtc > nowUtc.AddMinutes(5))
        {
            return OutcomeErrors.TakenInFuture;
        }

        var score = OutcomeInstrument.Get(instrument).Score(answers);
        if (!score.IsSuccess)
        {
            return score.Error!;
        }

        return new OutcomeMeasure
        {
            PatientId = patientId,
            Instrument = instrument,
            Context = context,
            IntakeAssessmentId = intakeAssessmentId,
            CourseId = courseId,
            AppointmentId = appointmentId,
            TakenUtc = takenUtc,
            Items = score.Value.Items.ToList(),
            Total = score.Value.Total,
            Band = score.Value.Band,
            RaisedSuicideRiskAlert = score.Value.Alerts.Any(a => a.Code == "phq9.item9"),
            Source = source,
            EnteredBy = enteredBy,
            RecordedUtc = nowUtc,
        };
    }
}
