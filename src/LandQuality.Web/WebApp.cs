using LandQuality.Data;
using LandQuality.Web.Accounts;
using LandQuality.Web.Apis;
using LandQuality.Web.Background;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace LandQuality.Web;

/// <summary>
/// The web application: its services and its request pipeline, in one place. <c>lq serve</c> and
/// <c>dotnet run</c> both build it here.
/// </summary>
public static class WebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="database">The CLI's open database; when null, the first request opens LQ_CONNECTION or the local cluster under LQ_HOME, as the CLI does.</param>
    /// <param name="jobs">
    /// The background-job queue in this process: <c>lq serve</c> runs a worker unless told not to. When not given, the
    /// setting LandQuality:Jobs (None, Queue or QueueAndWorker; None when absent).
    /// </param>
    public static WebApplication Build(string[] args, Database? database = null, WebJobs? jobs = null)
    {
        // The pages, views and static files are this assembly's, also when the CLI (lq serve) is the process:
        // the files under wwwroot/ are embedded in it, so nothing has to be copied beside whichever program hosts it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(WebApp).Assembly.GetName().Name });
        builder.Environment.WebRootFileProvider = new EmbeddedFileProvider(typeof(WebApp).Assembly, "LandQuality.Web.wwwroot");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
            builder.WebHost.UseUrls(DefaultUrl);
        var home = LocalHome(builder.Configuration);
        var jobsHere = jobs ?? (Enum.TryParse<WebJobs>(builder.Configuration["LandQuality:Jobs"], ignoreCase: true, out var configured) ? configured : WebJobs.None);
        if (database is not null)
            builder.Services.AddSingleton(database);
        else
            builder.Services.AddSingleton(_ => Database.OpenAsync(null, home, keepLocalRunning: true, CancellationToken.None).GetAwaiter().GetResult());

        // Cookies and API tokens are protected by a key ring made for this installation and kept beside
        // its local state, never in the repository; every node of one deployment must share the folder.
        builder.Services.AddDataProtection().SetApplicationName("LandQuality")
            .PersistKeysToFileSystem(new DirectoryInfo(builder.Configuration["LandQuality:KeysDirectory"] ?? Path.Combine(home, "keys")));
        builder.Services.AddSignIn(builder.Configuration);
        // One structured (JSON) line per request: method, path, status, duration. Never the query string, headers or
        // bodies, where names, ID numbers and passwords travel.
        builder.Logging.AddJsonConsole();
        builder.Services.AddHttpLogging(o => o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
            | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ReviewProblems>();
        builder.Services.AddExceptionHandler<RuleDraftProblems>();
        // Document templates: the shipped ones, each overridable from LandQuality:Templates (or LQ_TEMPLATES), as the CLI reads them.
        builder.Services.AddSingleton(s => new LandQuality.Documents.DocumentTemplates(
            builder.Configuration["LandQuality:Templates"] ?? Environment.GetEnvironmentVariable("LQ_TEMPLATES"),
            problem => s.GetRequiredService<ILogger<LandQuality.Documents.DocumentTemplates>>().LogWarning(
                "Template override {Name} ({Source}) fails at line {Line}, column {Column}: {Message}; the shipped template was used",
                problem.Name, problem.Source, problem.Line, problem.Column, problem.Message)));
        builder.Services.AddSingleton<Reevaluation>();
        builder.Services.AddHostedService(s => s.GetRequiredService<Reevaluation>());
        builder.Services.AddSingleton<DraftPreviews>();
        builder.Services.AddHostedService(s => s.GetRequiredService<DraftPreviews>());
        builder.Services.AddWebJobs(jobsHere);
        builder.Services.AddOpenApi();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AddFolderApplicationModelConvention("/Rules", m =>
            {
                m.Filters.Add(new Pages.Rules.PolicyStaffOnly());
                m.Filters.Add(new Pages.Rules.MissingIsNotFound());
            });
        });
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Vietnamese letters written as themselves, not as &#x...; entities (the encoder still escapes markup).
        builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));

        var app = builder.Build();
        app.UseHttpLogging();
        app.UseExceptionHandler();
        // People's pages get a page in their language for an answer without a body; the API keeps ProblemDetails.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization(Culture.Options());
        app.UseStaticFiles(new StaticFileOptions { FileProvider = app.Environment.WebRootFileProvider });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealthApi();
        app.MapAuthApi();
        app.MapReviewApi();
        app.MapParcelsApi();
        app.MapEvidenceApi();
        app.MapRuleSetsApi();
        app.MapDashboardApi();
        app.MapRunsApi();
        app.MapJobDashboard(jobsHere);
        app.MapGet("/attachments/{id:long}", EvidenceApi.Download).RequireAuthorization().ExcludeFromDescription();
        app.MapCultureSwitch();
        app.MapOrganisationSignIn(app.Configuration);
        app.MapRazorPages();
        return app;
    }

    static string LocalHome(IConfiguration configuration) =>
        configuration["LandQuality:Home"] ?? (Environment.GetEnvironmentVariable("LQ_HOME") is { Length: > 0 } home ? home : Path.Combine(Directory.GetCurrentDirectory(), ".lq"));
}
