using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Consent;

/// <summary>One version of the clinic's consent text. Editing publishes a new version; records keep the version the
/// patient consented to.</summary>
public sealed class ConsentDocument
{
    private ConsentDocument()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public int VersionNumber { get; private set; }

    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public bool IsCurrent { get; private set; }

    public DateTime PublishedUtc { get; private set; }

    public string PublishedBy { get; private set; } = "";

    public static Result<ConsentDocument> Publish(string title, string text, ConsentDocument? current, string publishedBy, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(text))
        {
            return ConsentErrors.TextRequired;
        }

        if (current is not null)
        {
            if (!current.IsCurrent)
            {
                return ConsentErrors.NotCurrent;
            }

            current.IsCurrent = false;
        }

        return new ConsentDocument
        {
            VersionNumber = (current?.VersionNumber ?? 0) + 1,
            Title = title.Trim(),
            Text = text.Trim(),
            IsCurrent = true,
            PublishedUtc = nowUtc,
            PublishedBy = publishedBy,
        };
    }

    public const string DefaultTitle = "Consent to ketamine infusion treatment";

    public const string DefaultText =
        "I agree to receive ketamine by intravenous infusion at this clinic for the condition discussed with my clinician.\n\n" +
        "It has been explained to me that ketamine is used here outside its licensed use as an anaesthetic, that the number of " +
        "infusions and the dose are set by my clinician, and that I may stop treatment at any time.\n\n" +
        "Common effects during and shortly after an infusion include feeling detached or dreamlike (dissociation), drowsiness, " +
        "dizziness, nausea, a rise in blood pressure and heart rate, and blurred vision. These usually pass within an hour or two. " +
        "Less common risks include vomiting, anxiety or distressing experiences, and bladder irritation with frequent long-term use.\n\n" +
        "I will follow the instructions I am given: no solid food and only clear liquids for the times stated before each infusion, " +
        "an adult escort to take me home, no driving, operating machinery or important decisions until the next day after sleep, " +
        "and no alcohol or cannabis for 24 hours.\n\n" +
        "I have told the clinic about my medical history, my medicines and any allergies, and I will tell them of any change. " +
        "I have had the chance to ask questions and they were answered.";
}

public enum SignatureMethod
{
    /// <summary>The patient ticked "I agree" on the clinic's device.</summary>
    Checkbox = 1,

    /// <summary>The patient typed their full name.</summary>
    TypedName = 2,
}

/// <summary>A patient's consent to one version of the consent document, witnessed by a staff member.</summary>
public sealed class ConsentRecord
{
    private ConsentRecord()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public Guid ConsentDocumentId { get; private set; }

    public int DocumentVersion { get; private set; }

    public DateOnly ConsentedOn { get; private set; }

    public SignatureMethod Method { get; private set; }

    public string? TypedName { get; private set; }

    public string WitnessId { get; private set; } = "";

    public string WitnessName { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }

    public static Result<ConsentRecord> Record(
        Guid patientId, ConsentDocument document, DateOnly consentedOn, SignatureMethod method, bool agreed, string? typedName,
        string patientFullName, string witnessId, string witnessName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsCurrent)
        {
            return ConsentErrors.NotCurrent;
        }

        if (consentedOn > DateOnly.FromDateTime(nowUtc).AddDays(1))
        {
            return ConsentErrors.InFuture;
        }

        if (method == SignatureMethod.Checkbox && !agreed)
        {
            return ConsentErrors.NotAgreed;
        }

        if (method == SignatureMethod.TypedName)
        {
            if (string.IsNullOrWhiteSpace(typedName))
            {
                return ConsentErrors.NameRequired;
            }

            if (!SameName(typedName, patientFullName))
            {
                return ConsentErrors.NameMismatch(patientFullName);
            }
        }

        return new ConsentRecord
        {
            PatientId = patientId,
            ConsentDocumentId = document.Id,
            DocumentVersion = document.VersionNumber,
            ConsentedOn = consentedOn,
            Method = method,
            TypedName = method == SignatureMethod.TypedName ? typedName!.Trim() : null,
            WitnessId = witnessId,
            WitnessName = witnessName,
            RecordedUtc = nowUtc,
        };
    }

    private static bool SameName(string typed, string expected)
    {
        static string Key(string s) => string.Join(' ', Patients.PatientSearch.NormalizeName(s).Split(' ').Order(StringComparer.Ordinal));
        return Key(typed) == Key(expected);
    }
}

public static class ConsentErrors
{
    public static readonly DomainError TextRequired = new("consent.text", "The consent document needs a title and text.");
    public static readonly DomainError NotCurrent = new("consent.not_current", "A newer version of the consent text has been published; consent must be to the current version.");
    public static readonly DomainError InFuture = new("consent.future", "Consent cannot be dated in the future.");
    public static readonly DomainError NotAgreed = new("consent.not_agreed", "The patient has not ticked 'I agree'.");
    public static readonly DomainError NameRequired = new("consent.name", "The patient must type their full name.");

    public static DomainError NameMismatch(string expected) =>
        new("consent.name_mismatch", $"The typed name does not match the patient's name on record ({expected}).");
}
