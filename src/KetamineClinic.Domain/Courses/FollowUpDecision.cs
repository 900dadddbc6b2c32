using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Courses;

/// <summary>
/// Staff recorded that one proposed follow-up of a course is not needed (the patient declined, is followed up
/// elsewhere…), with the reason. The follow-up is named by its number of days after the last session, as the clinic's
/// setting proposes it. Never deleted: a decision made by mistake is withdrawn (who and when kept), and the follow-up
/// is proposed again.
/// </summary>
public sealed class FollowUpDecision : IVersioned
{
    public const int MaxReasonLength = 500;

    private FollowUpDecision()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public Guid CourseId { get; private set; }

    public int DaysAfter { get; private set; }

    public string Reason { get; private set; } = "";

    public string DecidedBy { get; private set; } = "";

    public string DecidedByName { get; private set; } = "";

    public DateTime DecidedUtc { get; private set; }

    public DateTime? WithdrawnUtc { get; private set; }

    public string? WithdrawnBy { get; private set; }

    public string? WithdrawnByName { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public bool InForce => WithdrawnUtc is null;

    public static Result<FollowUpDecision> NotNeeded(Guid patientId, Guid courseId, int daysAfter, string? reason, string byId, string byName, DateTime nowUtc)
    {
        if (daysAfter < 1)
        {
            return FollowUpErrors.NoSuchFollowUp;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return FollowUpErrors.ReasonRequired;
        }

        if (reason.Trim().Length > MaxReasonLength)
        {
            return FollowUpErrors.ReasonTooLong;
        }

        return new FollowUpDecision
        {
            PatientId = patientId,
            CourseId = courseId,
            DaysAfter = daysAfter,
            Reason = reason.Trim(),
            DecidedBy = byId,
            DecidedByName = byName,
            DecidedUtc = nowUtc,
        };
    }

    /// <summary>Takes the decision back: the follow-up is proposed again.</summary>
    public Result<FollowUpDecision> Withdraw(string byId, string byName, DateTime nowUtc)
    {
        if (!InForce)
        {
            return FollowUpErrors.AlreadyWithdrawn;
        }

        WithdrawnUtc = nowUtc;
        WithdrawnBy = byId;
        WithdrawnByName = byName;
        Version = Guid.NewGuid();
        return this;
    }
}

public static class FollowUpErrors
{
    public static readonly DomainError ReasonRequired = new("follow_up.reason", "Say why this follow-up is not needed, e.g. the patient declined.");
    public static readonly DomainError ReasonTooLong = new("follow_up.reason_long", $"The reason can be at most {FollowUpDecision.MaxReasonLength} characters.");
    public static readonly DomainError NoSuchFollowUp = new("follow_up.none", "This follow-up is no longer proposed for the course (the course or the clinic's follow-up settings changed). The list now shows what is proposed.");
    public static readonly DomainError NotOpen = new("follow_up.not_open", "This follow-up is already booked or marked not needed. The list now shows where it stands.");
    public static readonly DomainError AlreadyWithdrawn = new("follow_up.withdrawn", "That decision was already withdrawn; the follow-up is proposed again.");
    public static readonly DomainError NotFound = new("follow_up.not_found", "There is no such decision.");
}
