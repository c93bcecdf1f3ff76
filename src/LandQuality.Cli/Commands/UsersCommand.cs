using System.CommandLine;
using System.Globalization;
using LandQuality.Web.Accounts;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq users add | list | disable | enable | reset-password</c>: the reviewers' sign-in accounts. A password is
/// read from standard input with <c>--password-stdin</c> (never from the command line, where other local users and
/// the shell's history would see it); without it a random one is made and printed once.
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Sign-in accounts of the reviewers: add, list, disable, enable, reset a password.");
        var user = new Argument<string>("USER") { Description = "The user name (sign-in name)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input." };

        var role = new Option<string>("--role") { Required = true, Description = $"One of: {string.Join(", ", AccountStore.KnownRoles)}." };
        var jurisdiction = new Option<string>("--jurisdiction") { Required = true, Description = "A commune code for commune roles, a province code (46 = Huế) for the others." };
        var name = new Option<string?>("--name") { Description = "The person's full name (default: the user name)." };
        var add = new Command("add", "Create an account with a role in a jurisdiction.") { user, role, jurisdiction, name, passwordStdin };
        add.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var (password, generated) = Password(parse.GetValue(passwordStdin));
            var r = await accounts.AddAsync(parse.GetValue(user)!, parse.GetValue(name), parse.GetValue(role)!, parse.GetValue(jurisdiction)!, password, ct);
            Console.WriteLine($"Đã tạo tài khoản / created: {r.UserName} ({r.Role}, {r.Jurisdiction})");
            if (generated)
                Console.WriteLine($"Mật khẩu (chỉ in một lần) / password (printed once): {password}");
        }, ct));

        var list = new Command("list", "Every account: role, jurisdiction, whether it can sign in.");
        list.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var now = DateTimeOffset.UtcNow;
            var table = new Table().AddColumns("tài khoản / user", "họ tên / name", "vai trò / role", "phạm vi / jurisdiction", "trạng thái / status");
            foreach (var r in await accounts.ListAsync(ct))
                table.AddRow(Markup.Escape(r.UserName), Markup.Escape(r.FullName), Markup.Escape(r.Role), Markup.Escape(r.Jurisdiction),
                    r.IsDisabled ? "[red]vô hiệu / disabled[/]"
                    : r.IsLockedOut(now) ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"tạm khoá / locked until {r.LockedUntil:yyyy-MM-dd HH:mm} UTC"))
                    : r.PasswordHash is null ? "chưa có mật khẩu / no password" : "[green]hoạt động / active[/]");
            AnsiConsole.Write(table);
        }, ct));

        var disable = new Command("disable", "Stop an account from signing in; its sessions and tokens stop working at their next request.") { user };
        disable.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            await accounts.DisableAsync(parse.GetValue(user)!, ct);
            Console.WriteLine($"Đã vô hiệu hoá / disabled: {parse.GetValue(user)}");
        }, ct));

        var enable = new Command("enable", "Let a disabled or locked account sign in again.") { user };
        enable.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            await accounts.EnableAsync(parse.GetValue(user)!, ct);
            Console.WriteLine($"Đã kích hoạt / enabled: {parse.GetValue(user)}");
        }, ct));

        var reset = new Command("reset-password", "Set a new password; sessions and tokens issued before it stop working.") { user, passwordStdin };
        reset.SetAction((parse, ct) => WithAccounts(async accounts =>
        {
            var (password, generated) = Password(parse.GetValue(passwordStdin));
            await accounts.SetPasswordAsync(parse.GetValue(user)!, password, ct);
            Console.WriteLine($"Đã đặt mật khẩu mới / new password set: {parse.GetValue(user)}");
            if (generated)
                Console.WriteLine($"Mật khẩu (chỉ in một lần) / password (printed once): {password}");
        }, ct));

        foreach (var c in new[] { add, list, disable, enable, reset })
            users.Subcommands.Add(c);
        return users;
    }

    static (string Password, bool Generated) Password(bool fromStdin) =>
        fromStdin ? ((Console.In.ReadLine() ?? "").TrimEnd('\r', '\n'), false) : (Passwords.Random(), true);

    static async Task<int> WithAccounts(Func<AccountStore, Task> action, CancellationToken ct)
    {
        await using var database = await CliDatabase.OpenAsync(ct);
        await action(new AccountStore(database));
        return 0;
    }
}
