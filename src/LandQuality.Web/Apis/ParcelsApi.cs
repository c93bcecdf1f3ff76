using LandQuality.Audit;
using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

/// <summary>Findings of one dimension (correct, sufficient, clean, alive), in the rule's Vietnamese and English words.</summary>
public sealed record DimensionFindings(string Dimension, IReadOnlyList<FindingView> Findings);

public sealed record ParcelResponse(ParcelRecordView Parcel, IReadOnlyList<OwnerView> Owners, IReadOnlyList<DimensionFindings> Findings,
    CaseView? OpenCase, IReadOnlyList<RuleErrorView> RuleErrors);

/// <summary>A rule that could not be evaluated on the parcel: a fault of the rule, shown apart from the findings.</summary>
public sealed record RuleErrorView(string Rule, string Message);

/// <summary>
/// A parcel and its history for anyone whose jurisdiction holds it (<see cref="ParcelScope"/>); elsewhere the
/// parcel is not found. ID numbers are whole only for roles that check identity.
/// </summary>
public static class ParcelsApi
{
    static readonly string[] Dimensions = ["correct", "sufficient", "clean", "alive"];

    public static RouteGroupBuilder MapParcelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/parcels").RequireAuthorization(SignInSetup.ApiPolicy).DisableAntiforgery().WithTags("Parcels");
        api.MapGet("/{parcelId}", Show);
        api.MapGet("/{parcelId}/history", History);
        return api;
    }

    static async Task<Ok<ParcelResponse>> Show(string parcelId, HttpContext context, Database database, CancellationToken ct)
    {
        var reviewer = context.Reviewer();
        // Read first, shown only inside the reviewer's jurisdiction: elsewhere it is not found, as a parcel that does not exist.
        if (await ParcelRecord.LoadAsync(database, parcelId, reviewer.Role, ct) is not { } record || !ParcelScope.MaySee(reviewer, record.Record.CommuneCode))
            throw ParcelScope.NotFound(parcelId);
        var cases = await ParcelCases.LoadAsync(database, parcelId, ct);
        var findings = record.Findings.Where(f => !f.IsRuleError).ToList();
        return TypedResults.Ok(new ParcelResponse(record.Record, record.Owners,
            Dimensions.Select(d => new DimensionFindings(d, findings.Where(f => f.Dimension == d).ToList())).ToList(),
            cases.LastOrDefault(c => c.Status == "open") is { } open ? MaskReasons(reviewer.Role, open) : null,
            record.Findings.Where(f => f.IsRuleError).Select(f => new RuleErrorView(f.Rule, f.Detail ?? f.Message)).ToList()));
    }

    /// <summary>Reasons are free text, and people write ID numbers in them: masked as the record's own numbers are.</summary>
    static CaseView MaskReasons(string role, CaseView c) => c with
    {
        Tasks = [.. c.Tasks.Select(t => t with { Reason = Roles.MaskIdNumbersIn(role, t.Reason) })],
        Reopenings = [.. c.Reopenings.Select(r => r with { Reason = Roles.MaskIdNumbersIn(role, r.Reason) })],
    };

    static async Task<Ok<List<HistoryLine>>> History(string parcelId, HttpContext context, Database database, CancellationToken ct, string lang = "vi")
    {
        var reviewer = context.Reviewer();
        await using (var db = database.CreateContext())
            await ParcelScope.RequireAsync(db, reviewer, parcelId, ct);
        lang = lang == "en" ? "en" : "vi";
        return TypedResults.Ok(await ParcelHistory.LoadAsync(database, parcelId, ct, lang, maskFor: reviewer.Role, words: HistoryWording.Words(lang)));
    }
}
