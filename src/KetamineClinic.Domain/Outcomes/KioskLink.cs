using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>
/// A one-time link that lets a patient fill one questionnaire on the clinic's tablet. Staff open it for a patient and
/// an instrument; it is valid for <see cref="ValidFor"/>, shows only that questionnaire, and locks once the answers
/// are stored (or when staff withdraw it). Only a hash of the code is kept, so the table never holds a usable code.
/// </summary>
public sealed class KioskLink
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(30);

    private KioskLink()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public InstrumentCode Instrument { get; private set; }

    public MeasureContext Context { get; private set; }

    public Guid? CourseId { get; private set; }

    /// <summary>The visit the answers belong to (the infusion booking or the follow-up appointment), if any.</summary>
    public Guid? AppointmentId { get; private set; }

    /// <summary>SHA-256 of the code, hex; unique.</summary>
    public string CodeHash { get; private set; } = "";

    public string CreatedBy { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public DateTime ExpiresUtc { get; private set; }

    public DateTime? UsedUtc { get; private set; }

    public Guid? MeasureId { get; private set; }

    public DateTime? WithdrawnUtc { get; private set; }

    public static Result<KioskLink> Open(
        Guid patientId, InstrumentCode instrument, MeasureContext context, string codeHash, string createdBy, string createdByName,
        DateTime nowUtc, Guid? courseId = null, Guid? appointmentId = null)
    {
        if (!Enum.IsDefined(instrument))
        {
            return KioskErrors.UnknownInstrument;
        }

        if (OutcomeInstrument.Get(instrument).ClinicianRated)
        {
            return KioskErrors.ClinicianRated;
        }

        if (context == MeasureContext.Baseline)
        {
            return KioskErrors.NotForBaseline;
        }

        if (string.IsNullOrWhiteSpace(codeHash))
        {
            throw new ArgumentException("A kiosk link needs its code's hash.", nameof(codeHash));
        }

        return new KioskLink
        {
            PatientId = patientId,
            Instrument = instrument,
            Context = context,
            CourseId = courseId,
            AppointmentId = appointmentId,
            CodeHash = codeHash,
            CreatedBy = createdBy,
            CreatedByName = createdByName,
            CreatedUtc = nowUtc,
            ExpiresUtc = nowUtc + ValidFor,
        };
    }

    public KioskLinkState StateAt(DateTime nowUtc) =>
        UsedUtc is not null ? KioskLinkState.Used
        : WithdrawnUtc is not null ? KioskLinkState.Withdrawn
        : nowUtc >= ExpiresUtc ? KioskLinkState.Expired
        : KioskLinkState.Open;

    /// <summary>Stores the patient's answers as a measure and locks the link; refused once used, withdrawn or expired.</summary>
    public Result<OutcomeMeasure> Submit(IReadOnlyList<int?> answers, DateTime nowUtc)
    {
        var state = StateAt(nowUtc);
        if (state != KioskLinkState.Open)
        {
            return KioskErrors.Closed(state);
        }

        var measure = OutcomeMeasure.Record(
            PatientId, Instrument, answers, Context, nowUtc, MeasureSource.Kiosk, CreatedBy, nowUtc, courseId: CourseId, appointmentId: AppointmentId);
        if (!measure.IsSuccess)
        {
            return measure;
        }

        UsedUtc = nowUtc;
        MeasureId = measure.Value.Id;
        return measure;
    }

    public Result<KioskLink> Withdraw(DateTime nowUtc)
    {
        var state = StateAt(nowUtc);
        if (state != KioskLinkState.Open)
        {
            return KioskErrors.Closed(state);
        }

        WithdrawnUtc = nowUtc;
        return this;
    }
}

public enum KioskLinkState
{
    Open = 1,
    Used = 2,
    Expired = 3,
    Withdrawn = 4,
}

public static class KioskErrors
{
    public static readonly DomainError UnknownInstrument = new("kiosk.instrument", "Choose the questionnaire.");
    public static readonly DomainError ClinicianRated = new("kiosk.clinician_rated", "The MADRS is rated by the clinician; it cannot be filled on the kiosk.");
    public static readonly DomainError NotForBaseline = new("kiosk.baseline", "The baseline is taken with the clinician at intake; open a kiosk link before an infusion or at a follow-up.");

    /// <summary>Deliberately the same words for an unknown code as for a used or expired one.</summary>
    public static readonly DomainError NotUsable = new("kiosk.closed", "This link is no longer valid. Please hand the tablet back to the staff.");

    public static DomainError Closed(KioskLinkState state) => state switch
    {
        KioskLinkState.Used => new("kiosk.used", "These answers have been saved and the link is now locked. Please hand the tablet back to the staff."),
        _ => NotUsable,
    };
}
