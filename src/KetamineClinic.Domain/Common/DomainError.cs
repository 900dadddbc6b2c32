namespace KetamineClinic.Domain.Common;

/// <summary>An expected failure: a code a test can assert and a message a user can read.</summary>
public sealed record DomainError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
