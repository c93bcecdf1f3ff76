using Hangfire;
using Hangfire.Dashboard;
using LandQuality.Jobs;
using LandQuality.Review.Queue;
using LandQuality.Web.Accounts;

namespace LandQuality.Web.Background;

/// <summary>What of the background-job queue a web node runs: nothing (the tests' hosts), the queue only (a node behind a load balancer, workers elsewhere), or a worker too (<c>lq serve</c>: one command for the embedded default).</summary>
public enum WebJobs { None, Queue, QueueAndWorker }

static class WebJobsSetup
{
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// The queue (and the worker) in this process. The dashboard's folding is then the queue's recurring job, not this node's timer:
    /// one fold per schedule for the whole deployment instead of one per node.
    /// </summary>
    public static void AddWebJobs(this IServiceCollection services, WebJobs jobs)
    {
        if (jobs == WebJobs.None)
        {
            services.AddHostedService<ProgressFolding>();
            return;
        }
        var settings = JobSettings.FromEnvironment();
        services.AddJobQueue(settings);
        if (jobs == WebJobs.QueueAndWorker)
            services.AddJobWorker(settings);
    }

    /// <summary>Hangfire's dashboard, for administrators only: signed in (the site's policy reads the account), then the role checked.</summary>
    public static void MapJobDashboard(this WebApplication app, WebJobs jobs)
    {
        if (jobs == WebJobs.None)
            return;
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new AdministratorsOnly()],
            DashboardTitle = "LandQuality — việc nền / background jobs",
            DisplayStorageConnectionString = false,
            AppPath = "/",
        }).RequireAuthorization();
    }

    /// <summary>The account behind the request, as <see cref="CurrentReviewer"/> read it for this request.</summary>
    sealed class AdministratorsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) =>
            context.GetHttpContext().Items[typeof(Reviewer)] is Reviewer { Role: Roles.Administrator };
    }
}
