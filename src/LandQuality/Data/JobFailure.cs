namespace LandQuality.Data;

/// <summary>
/// A long job (an import, an evaluation run) that fails records the failure in its row before the exception goes
/// on. When the database itself is what failed, that record fails too; the first cause is still what must reach
/// the user, so the second failure is attached to it (<see cref="Exception.Data"/>) instead of replacing it. The
/// row stays Running without its lease and <see cref="JobLease.MarkAbandonedAsync"/> later marks it Abandoned.
/// </summary>
public static class JobFailure
{
    /// <summary>Under this key, the exception that kept the failure from being recorded.</summary>
    public const string NotRecordedKey = "LandQuality.FailureNotRecorded";

    /// <summary>Under this key, the id of the evaluation run that failed: the run a user resumes.</summary>
    public const string EvaluationRunKey = "LandQuality.EvaluationRun";

    /// <summary>Runs <paramref name="record"/>; if it fails, its exception is attached to <paramref name="cause"/> and not thrown.</summary>
    public static async Task RecordAsync(Exception cause, Func<Task> record)
    {
        try
        {
            await record();
        }
        catch (Exception notRecorded)
        {
            Attach(cause, NotRecordedKey, notRecorded);
        }
    }

    public static void Attach(Exception cause, string key, object value)
    {
        if (!cause.Data.IsReadOnly)
            cause.Data[key] = value;
    }
}
