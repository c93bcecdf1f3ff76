using LandQuality.Data;
using LandQuality.Review.Queue;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace LandQuality.Web.Accounts;

public enum SignInOutcome { SignedIn, WrongPassword, LockedOut, Disabled }

/// <summary>An account request refused: the message says why, in Vietnamese then English.</summary>
public sealed class AccountException(string message) : Exception(message);

/// <summary>
/// The reviewers' accounts: created, listed, disabled and enabled, passwords set, and sign-in with a
/// lockout after <see cref="Reviewer.MaxFailedSignIns"/> wrong passwords in a row. The CLI's
/// <c>lq users</c> and the web's sign-in both come here.
/// </summary>
public sealed class AccountStore(Database database)
{
    public static readonly string[] KnownRoles =
    [
        Roles.CommuneOfficer, Roles.CommuneSupervisor, Roles.DepartmentReviewer, Roles.DepartmentSupervisor,
        Roles.PoliceOfficer, Roles.PoliceSupervisor, Roles.Auditor, Roles.PolicyStaff, Roles.Administrator,
    ];

    public async Task<Reviewer> AddAsync(string userName, string? fullName, string role, string jurisdiction, string password, CancellationToken ct)
    {
        if (!KnownRoles.Contains(role))
            throw new AccountException($"Vai trò '{role}' không tồn tại. — There is no role '{role}'; roles: {string.Join(", ", KnownRoles)}.");
        if (!ParcelScope.IsValidJurisdiction(role, jurisdiction))
            throw new AccountException(ParcelScope.IsCommuneRole(role)
                ? $"'{jurisdiction}' không phải mã xã. — '{jurisdiction}' is not a commune code, which role {role} needs."
                : $"'{jurisdiction}' không phải mã tỉnh. — '{jurisdiction}' is not a province code, which role {role} needs.");
        if (string.IsNullOrWhiteSpace(userName) || userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new AccountException("Tên đăng nhập không hợp lệ. — A user name cannot be blank or hold spaces.");
        RequireGoodPassword(password);
        await using var db = database.CreateContext();
        if (await db.Reviewers.AnyAsync(r => r.UserName == userName, ct))
            throw new AccountException($"Tài khoản {userName} đã có. — {userName} exists already.");
        var reviewer = new Reviewer { UserName = userName, FullName = string.IsNullOrWhiteSpace(fullName) ? userName : fullName, Role = role, Jurisdiction = jurisdiction };
        reviewer.SetPassword(Passwords.Hash(reviewer, password), DateTimeOffset.UtcNow);
        db.Reviewers.Add(reviewer);
        await db.SaveChangesAsync(ct);
        return reviewer;
    }

    public async Task<List<Reviewer>> ListAsync(CancellationToken ct)
    {
        await using var db = database.CreateContext();
        return await db.Reviewers.AsNoTracking().OrderBy(r => r.Jurisdiction).ThenBy(r => r.Role).ThenBy(r => r.UserName).ToListAsync(ct);
    }

    /// <summary>The account as it is now. Every signed-in request asks (<see cref="CurrentReviewer"/>): one plain statement.</summary>
    public async Task<Reviewer?> FindAsync(string userName, CancellationToken ct)
    {
        await using var cmd = database.Quick.CreateCommand("""
            SELECT full_name, role, jurisdiction, password_hash, password_changed_at, failed_sign_ins, locked_until, disabled_at
            FROM reviewers WHERE user_name = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userName });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? Reviewer.Restore(userName, r.GetString(0), r.GetString(1), r.GetString(2), r.GetStringOrNull(3), r.GetValueOrNull<DateTimeOffset>(4),
                r.GetInt32(5), r.GetValueOrNull<DateTimeOffset>(6), r.GetValueOrNull<DateTimeOffset>(7))
            : null;
    }

    public Task SetPasswordAsync(string userName, string password, CancellationToken ct)
    {
        RequireGoodPassword(password);
        return ChangeAsync(userName, r => r.SetPassword(Passwords.Hash(r, password), DateTimeOffset.UtcNow), ct);
    }

    public Task DisableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, r => r.Disable(DateTimeOffset.UtcNow), ct);

    public Task EnableAsync(string userName, CancellationToken ct) => ChangeAsync(userName, r => r.Enable(), ct);

    /// <summary>
    /// Checks the password. Every wrong password counts, even while the account is locked; a locked or
    /// disabled account does not sign in with the right one. An unknown user is a wrong password.
    /// </summary>
    public async Task<(SignInOutcome Outcome, Reviewer? Reviewer)> SignInAsync(string userName, string password, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var reviewer = await db.Reviewers.SingleOrDefaultAsync(r => r.UserName == userName, ct);
        var now = DateTimeOffset.UtcNow;
        if (!Passwords.Verify(reviewer, password))
        {
            if (reviewer is null)
                return (SignInOutcome.WrongPassword, null);
            reviewer.RecordFailedSignIn(now);
            await db.SaveChangesAsync(ct);
            return (reviewer.IsLockedOut(now) ? SignInOutcome.LockedOut : SignInOutcome.WrongPassword, null);
        }
        if (reviewer!.IsDisabled)
            return (SignInOutcome.Disabled, null);
        if (reviewer.IsLockedOut(now))
            return (SignInOutcome.LockedOut, null);
        reviewer.RecordSignIn();
        await db.SaveChangesAsync(ct);
        return (SignInOutcome.SignedIn, reviewer);
    }

    async Task ChangeAsync(string userName, Action<Reviewer> change, CancellationToken ct)
    {
        await using var db = database.CreateContext();
        var reviewer = await db.Reviewers.SingleOrDefaultAsync(r => r.UserName == userName, ct)
            ?? throw new AccountException($"Không có tài khoản {userName}. — There is no user {userName}.");
        change(reviewer);
        await db.SaveChangesAsync(ct);
    }

    static void RequireGoodPassword(string password)
    {
        if (Passwords.Problem(password) is { } problem)
            throw new AccountException(problem);
    }
}
