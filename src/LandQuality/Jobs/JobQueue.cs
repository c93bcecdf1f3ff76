using Hangfire;
using Hangfire.PostgreSql;
using LandQuality.Data;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LandQuality.Jobs;

/// <summary>
/// The background-work queue: Hangfire with its storage in the application's own PostgreSQL database, in a schema of
/// its own (<see cref="Schema"/>, created and upgraded by Hangfire.PostgreSql itself). Every process that enqueues
/// (the CLI, web nodes) and every worker (<c>lq worker</c>, <c>lq serve</c>) on any machine shares it through the
/// database, so nothing else needs deploying.
/// </summary>
public static class JobQueue
{
    public const string Schema = "hangfire";

    /// <summary>The queue on this database, for a process that only enqueues (<c>lq evaluate --background</c>).</summary>
    public static JobStorage Storage(Database database, JobSettings settings) =>
        new PostgreSqlStorage(new DataSourceConnections(database.Stateless), new PostgreSqlStorageOptions
        {
            SchemaName = Schema,
            PrepareSchemaIfNecessary = true,
            // A job's fetch time is refreshed while it runs, so the timeout can be short: a worker killed with
            // SIGKILL (no chance to say so) has its job handed to another worker this long after its last refresh.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = settings.InvisibilityTimeout,
            QueuePollInterval = settings.PollInterval,
            DistributedLockTimeout = TimeSpan.FromMinutes(1),
        });

    /// <summary>A client that enqueues on this database's queue, configured from the environment (the CLI's <c>--background</c>).</summary>
    public static IBackgroundJobClient Client(Database database) => new BackgroundJobClient(Storage(database, JobSettings.FromEnvironment()));

    /// <summary>The queue's storage and client for a host (the web); the database must be registered already.</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, JobSettings settings)
    {
        services.AddSingleton(settings);
        services.AddHangfire((provider, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(Storage(provider.GetRequiredService<Database>(), settings)));
        services.AddTransient<EvaluationJobs>();
        services.AddTransient<ReviewJobs>();
        services.AddTransient<ImportJobs>();
        services.AddTransient<NoticeJobs>();
        return services;
    }

    /// <summary>A worker in this process: it takes jobs from the queue and keeps the recurring ones scheduled.</summary>
    public static IServiceCollection AddJobWorker(this IServiceCollection services, JobSettings settings)
    {
        services.AddHangfireServer((_, options) =>
        {
            options.WorkerCount = settings.WorkerThreads;
            options.ServerName = WorkerName;
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            options.ServerCheckInterval = TimeSpan.FromSeconds(30);
            options.ServerTimeout = TimeSpan.FromMinutes(2);
        });
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    /// <summary>Machine and process: what a partition records of who took it.</summary>
    public static string WorkerName => $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Connections from the application's pool of stateless sessions (Hangfire keeps no session state), so the
    /// queue needs no connection string of its own, password included, beside the one the application has.
    /// </summary>
    sealed class DataSourceConnections(NpgsqlDataSource source) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => source.CreateConnection();
    }
}
