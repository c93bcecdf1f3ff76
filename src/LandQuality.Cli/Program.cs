using System.CommandLine;
using LandQuality.Cli;
using LandQuality.Cli.Commands;
using Spectre.Console;

// `lq`: every command is built in its own file under Commands/ and listed here, so `lq --help`
// and this list are the whole command surface.
// Commands name the reviewer with --user, which nothing authenticates: the history records who really ran them.
LandQuality.Audit.AuditChain.OperatingSystemUser = Environment.UserName;
var root = new RootCommand("LandQuality — data quality for land registries (đúng – đủ – sạch – sống).");
foreach (var command in new[]
{
    DemoCommand.Create(),
    DbCommand.Create(),
    GenerateCommand.Create(),
    ImportCommand.Create(),
    RulesCommand.Create(),
    EvaluateCommand.Create(),
    RunsCommand.Create(),
    FindingsCommand.Create(),
    WorkflowsCommand.Create(),
    CasesCommand.Create(),
    DashboardCommand.Create(),
    ReviewCommand.Create(),
    AuditCommand.Create(),
    ExportCommand.Create(),
    NoticesCommand.Create(),
    ReportCommand.Create(),
    BenchCommand.Create(),
    UsersCommand.Create(),
    ServeCommand.Create(),
    WorkerCommand.Create(),
})
    root.Subcommands.Add(command);

// Piped or redirected output has no terminal width. Spectre would assume 80 columns and wrap table cells and
// long lines there, splitting names and commands; a file or a grep wants each row whole. No table here expands
// to the full width, so an unbounded width only means nothing wraps.
if (Console.IsOutputRedirected)
    AnsiConsole.Profile.Width = int.MaxValue;

// A command that fails ends with one line on stderr and its exception in the log file (CliFailure).
return await CliFailure.InvokeAsync(root.Parse(args));
