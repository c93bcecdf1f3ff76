using Hangfire;
using LandQuality.Data;
using LandQuality.Imports;

namespace LandQuality.Jobs;

/// <summary>
/// An import as a background job (<c>lq import DIR --background</c>): the folder must be one every worker can read (a
/// share), as any worker may take the job. Refused rows are kept with the import in the database as always, and the
/// reject report is written beside the files, where whoever dropped them looks. Then, as in the foreground, the parcels
/// the import changed are evaluated (unless <c>--no-evaluate</c>).
/// </summary>
public sealed class ImportJobs(Database database)
{
    /// <summary>Not retried: an import that failed is rolled back whole, and running it again is the operator's call once the cause is known.</summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Import {0}")]
    public async Task ImportAsync(string directory, string importedBy, bool evaluate, CancellationToken ct)
    {
        var summary = await new Importer(database).RunAsync(directory, importedBy, progress: null, ct);
        if (summary.RowsRejected > 0)
            await RejectReport.WriteAsync(database.Batch, summary.ImportId, Path.Combine(directory, $"import-{summary.ImportId}-rejects.csv"), ct);
        // As in the foreground: what the import changed is evaluated and its cases opened or closed, unless --no-evaluate.
        if (evaluate)
            await AfterImportEvaluation.RunAsync(database, importedBy, ct);
    }
}
