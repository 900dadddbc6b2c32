namespace KetamineClinic.Domain.Audit;

/// <summary>What happened (FHIR AuditEvent.action, widened with the sign-in outcomes the clinic needs).</summary>
public enum AuditAction
{
    Read = 1,
    Create = 2,
    Update = 3,
    Delete = 4,
    SignIn = 5,
    FailedSignIn = 6,
    SignOut = 7,
    Denied = 8,
    Export = 9,
    Execute = 10,
}

public enum AuditOutcome
{
    Success = 0,
    Failure = 1,
}
