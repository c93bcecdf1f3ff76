using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LandQuality.Web.Apis;

public sealed record RevealRequest(string? Reason);

/// <summary>
/// Evidence and identity: a case's scans (upload, download — each in the parcel's history), and a parcel's whole
/// ID numbers for a role that sees them masked, with a reason that the history keeps.
/// </summary>
public static class EvidenceApi
{
    public static RouteGroupBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(SignInSetup.ApiPolicy).DisableAntiforgery().WithTags("Evidence");
        api.MapPost("/cases/{id:long}/attachments", Upload).Accepts<IFormFile>("multipart/form-data");
        api.MapGet("/cases/{id:long}/attachments", List);
        api.MapGet("/attachments/{id:long}", Download);
        api.MapPost("/parcels/{parcelId}/reveal", Reveal);
        return api;
    }

    static async Task<Results<Created<AttachmentView>, ProblemHttpResult>> Upload(long id, HttpRequest request, HttpContext context, Database database, CancellationToken ct)
    {
        if (!request.HasFormContentType || (await request.ReadFormAsync(ct)).Files.GetFile("file") is not { } file)
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Thiếu tệp — No file",
                detail: "Gửi tệp trong trường 'file' của biểu mẫu multipart. — Send the file in the multipart form field 'file'.");
        await using var content = file.OpenReadStream();
        var view = await CaseAttachments.AddAsync(database, context.Reviewer().UserName, id, file.FileName, content, ct);
        return TypedResults.Created($"/api/attachments/{view.Id}", view);
    }

    static async Task<Ok<List<AttachmentView>>> List(long id, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await CaseAttachments.ListAsync(database, context.Reviewer().UserName, id, ct));

    public static async Task<FileContentHttpResult> Download(long id, HttpContext context, Database database, CancellationToken ct)
    {
        var (view, content) = await CaseAttachments.DownloadAsync(database, context.Reviewer().UserName, id, ct);
        return TypedResults.File(content, view.ContentType, view.FileName);
    }

    static async Task<Ok<List<RevealedIdNumber>>> Reveal(string parcelId, RevealRequest request, HttpContext context, Database database, CancellationToken ct) =>
        TypedResults.Ok(await IdNumberReveal.RevealAsync(database, context.Reviewer(), parcelId, request.Reason, ct));
}
