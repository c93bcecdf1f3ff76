namespace LandQuality.Review.Queue;

/// <summary>
/// A reviewer's sign-in account: a password hash (ASP.NET Core Identity's format, made by the web
/// project's <c>Passwords</c>), failed attempts and a lockout, and whether it is disabled. A reviewer
/// without a hash cannot sign in until a password is set. The state changes only through these methods.
/// </summary>
public sealed partial class Reviewer
{
    /// <summary>Wrong passwords in a row that lock the account for <see cref="LockoutDuration"/>.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public string? PasswordHash { get; private set; }
    public DateTimeOffset? PasswordChangedAt { get; private set; }
    public int FailedSignIns { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>An account as a plain SQL read found it (every signed-in request reads one, without EF's overhead).</summary>
    public static Reviewer Restore(string userName, string fullName, string role, string jurisdiction, string? passwordHash,
        DateTimeOffset? passwordChangedAt, int failedSignIns, DateTimeOffset? lockedUntil, DateTimeOffset? disabledAt) =>
        new()
        {
            UserName = userName, FullName = fullName, Role = role, Jurisdiction = jurisdiction, PasswordHash = passwordHash,
            PasswordChangedAt = passwordChangedAt, FailedSignIns = failedSignIns, LockedUntil = lockedUntil, DisabledAt = disabledAt,
        };

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil > now;

    public void SetPassword(string hash, DateTimeOffset now)
    {
        PasswordHash = hash;
        PasswordChangedAt = now;
        FailedSignIns = 0;
        LockedUntil = null;
    }

    /// <summary>A wrong password: the count grows, and at <see cref="MaxFailedSignIns"/> the account locks and the count starts again.</summary>
    public void RecordFailedSignIn(DateTimeOffset now)
    {
        FailedSignIns++;
        if (FailedSignIns < MaxFailedSignIns)
            return;
        LockedUntil = now + LockoutDuration;
        FailedSignIns = 0;
    }

    public void RecordSignIn()
    {
        FailedSignIns = 0;
        LockedUntil = null;
    }

    public void Disable(DateTimeOffset now) => DisabledAt ??= now;

    public void Enable()
    {
        DisabledAt = null;
        FailedSignIns = 0;
        LockedUntil = null;
    }
}
