using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;

namespace LandQuality.Cli;

/// <summary>
/// Sign-in accounts for trying the web application after <c>lq demo</c>: one per kind of user, each with a new
/// random password at every demo, printed once and kept in LQ_HOME/demo-accounts.txt (readable by its owner
/// only). No password is ever written in the code or the repository.
/// </summary>
static class DemoAccounts
{
    public static readonly (string User, string Role, string Jurisdiction, string Name)[] Accounts =
    [
        ("xa.19753.1", Roles.CommuneOfficer, "19753", ""),
        ("so.1", Roles.DepartmentReviewer, ReferenceData.HueProvinceCode, ""),
        ("ca.1", Roles.PoliceOfficer, ReferenceData.HueProvinceCode, ""),
        ("kiemtoan.1", Roles.Auditor, ReferenceData.HueProvinceCode, "Kiểm toán viên 1"),
    ];

    public static string FilePath => Path.Combine(CliDatabase.Home, "demo-accounts.txt");

    /// <summary>Sets a fresh password on each demo account (creating the ones the demo reviewers lack); returns user → password.</summary>
    public static async Task<List<(string User, string Role, string Password)>> ResetAsync(Database database, CancellationToken ct)
    {
        var store = new AccountStore(database);
        var result = new List<(string, string, string)>();
        foreach (var (user, role, jurisdiction, name) in Accounts)
        {
            var password = Passwords.Random();
            if (await store.FindAsync(user, ct) is null)
                await store.AddAsync(user, name, role, jurisdiction, password, ct);
            else
            {
                await store.SetPasswordAsync(user, password, ct);
                await store.EnableAsync(user, ct);
            }
            result.Add((user, role, password));
        }
        Directory.CreateDirectory(CliDatabase.Home);
        await File.WriteAllLinesAsync(FilePath, result.Select(a => $"{a.Item1}\t{a.Item2}\t{a.Item3}"), ct);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(FilePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return result;
    }
}
