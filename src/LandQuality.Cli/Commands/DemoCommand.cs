using System.Globalization;
using System.CommandLine;
using LandQuality.Benchmarks;
using LandQuality.Imports;
using LandQuality.Interchange;
using LandQuality.Reference;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary><c>lq demo</c>: the main job — database up, Huế demo data generated and imported, summary printed.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var parcels = new Option<int>("--parcels") { Description = "How many parcels to generate.", DefaultValueFactory = _ => 1_120_000 };
        var seed = new Option<long>("--seed") { Description = "Seed of the generator (same seed, same data).", DefaultValueFactory = _ => 1 };
        var noServe = new Option<bool>("--no-serve") { Description = "Stop after the summary instead of serving the web application." };
        var command = new Command("demo", "Start the database, generate Huế-scale demo data, import and evaluate it, open review cases, "
            + "import a second, modified export and evaluate only what changed (cases open and close), print a summary, then serve the web application with demo accounts (--no-serve to stop before).");
        command.Options.Add(parcels);
        command.Options.Add(seed);
        command.Options.Add(noServe);
        command.SetAction(async (parse, ct) =>
        {
            await using var database = await CliDatabase.OpenAsync(ct);
            var dir = DemoData.EnsureGenerated(parse.GetValue(parcels), parse.GetValue(seed), ct);
            var summary = await ImportCommand.RunAsync(database, dir, reportPath: null, ct);

            var counts = new Table().AddColumns("in the database", "rows");
            foreach (var (label, sql) in new[]
            {
                ("parcels", "SELECT count(*) FROM parcels"),
                ("communes with parcels", "SELECT count(DISTINCT commune_code) FROM parcels"),
                ("land-use purposes", "SELECT count(*) FROM parcel_purposes"),
                ("certificates", "SELECT count(*) FROM certificates"),
                ("owners", "SELECT count(*) FROM owners"),
                ("population registry records", "SELECT count(*) FROM population_records"),
                ("imports recorded", "SELECT count(*) FROM imports"),
            })
            {
                await using var cmd = database.Batch.CreateCommand(sql);
                counts.AddRow(label, $"{(long)(await cmd.ExecuteScalarAsync(ct))!:N0}");
            }
            AnsiConsole.Write(counts);
            var defects = File.ReadLines(Path.Combine(dir, InterchangeFiles.Defects)).Skip(1)
                .Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Count();
            var total = summary.Files.Single(f => f.FileName == InterchangeFiles.Parcels).RowsRead;
            var vi = CultureInfo.GetCultureInfo("vi-VN");
            AnsiConsole.MarkupLineInterpolated(vi,
                $"Lỗi cài sẵn (ground truth): {defects:N0} / {total:N0} thửa ({100.0 * defects / Math.Max(1, total):F1} %), xem {dir}/defects.csv.");

            var evaluation = await AnsiConsole.Progress().StartAsync(async ctx =>
            {
                var task = ctx.AddTask("evaluate", maxValue: Math.Max(1, total));
                return await new EvaluationRunner(database).RunAsync(new EvaluationRequest(CliDatabase.ImportedBy), new Progress<long>(n => task.Value = n), ct);
            });
            var failing = string.Join(", ", evaluation.ParcelsFailingPerDimension.Select(d => string.Create(vi, $"{Names.Vietnamese(d.Key)} {d.Value:N0}")));
            AnsiConsole.MarkupLineInterpolated(vi,
                $"Lần đánh giá #{evaluation.RunId} ({evaluation.RuleSet} v{evaluation.Version}, {evaluation.ElapsedSeconds:F1} giây): [green]{evaluation.ParcelsVerified:N0} / {evaluation.ParcelsEvaluated:N0} thửa đạt đúng – đủ – sạch – sống[/]; chưa đạt: {failing}.");
            var opened = await new CaseOpener(database).OpenAsync(CliDatabase.ImportedBy, ct);
            await DemoReviewers.SeedAsync(database, ReferenceData.HueProvinceCode, officersPerCommune: 2, provinceStaff: 5, ct);
            AnsiConsole.MarkupLineInterpolated(vi,
                $"Đã mở {opened:N0} hồ sơ rà soát ở bước cấp xã ({opened:N0} review cases opened at the commune stage). Thử / try: ./lq review claim-next --user xa.19753.1, rồi / then ./lq review show TASK --user xa.19753.1");

            // The daily cycle: the office's next export, imported; only what changed is evaluated, cases open and close.
            var second = await DemoSecondExport.WriteAsync(database, dir, ct);
            AnsiConsole.MarkupLineInterpolated(vi,
                $"Bản xuất thứ hai từ văn phòng đăng ký ({second.Directory}): mọi thửa, trong đó {second.Corrected:N0} thửa đã được sửa và {second.Broken:N0} thửa bị ghi sai. — A second export: every parcel again, {second.Corrected:N0} corrected at the office, {second.Broken:N0} newly recorded wrong.");
            await ImportCommand.RunAsync(database, second.Directory, reportPath: null, ct);
            ChangedEvaluation.Print(await AfterImportEvaluation.RunAsync(database, CliDatabase.ImportedBy, ct));
            if (parse.GetValue(noServe))
                return 0;
            var accounts = await DemoAccounts.ResetAsync(database, ct);
            var table = new Table().AddColumns("tài khoản / user", "vai trò / role", "mật khẩu / password");
            foreach (var (user, role, password) in accounts)
                table.AddRow(user, role, password);
            AnsiConsole.MarkupLineInterpolated(vi, $"Tài khoản dùng thử (mật khẩu mới mỗi lần chạy demo, lưu ở {DemoAccounts.FilePath}) / demo accounts:");
            AnsiConsole.Write(table);
            await ServeCommand.ServeAsync(database, urls: null, ct);
            return 0;
        });
        return command;
    }
}
