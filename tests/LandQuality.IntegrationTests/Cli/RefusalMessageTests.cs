using System.Globalization;
using LandQuality.IntegrationTests.Review;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;

namespace LandQuality.IntegrationTests.Cli;

/// <summary>
/// Regression: after "Refused:" the CLI printed the services' English alone. The refusals a reviewer meets most
/// now say it in Vietnamese first, then in English ("… — …"), on the one line CliFailure writes.
/// </summary>
public sealed class RefusalMessageTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    const string Officer = "xa.19753.1", Colleague = "xa.19753.2";
    readonly ReviewScenario scenario = new(db);

    static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs <c>lq review …</c>, which must be refused; the refusal after the command's name.</summary>
    async Task<string> RefusedAsync(params string[] args)
    {
        var result = await Lq.RunAsync(db.ConnectionString, Lq.NewHome(), ["review", .. args]);
        Assert.True(result.ExitCode == 1, result.Describe(args));
        var line = Assert.Single(result.ErrorLines);
        const string prefix = "Yêu cầu bị từ chối / Refused: ";
        Assert.Contains(prefix, line, StringComparison.Ordinal);
        return line[(line.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
    }

    /// <summary>A fresh parcel's commune task, claimed by <see cref="Officer"/>.</summary>
    async Task<ReviewTask> ClaimedAsync(string parcelId, int no)
    {
        await scenario.AddParcelAsync(parcelId, no, "missing_certificate_serial");
        await scenario.OpenCasesAsync();
        var task = await scenario.OpenTaskAsync(parcelId);
        await new ReviewQueue(db.Database).ClaimAsync(Officer, task.Id, CancellationToken.None);
        return await scenario.OpenTaskAsync(parcelId);
    }

    [Fact]
    public async Task A_missing_task_someone_elses_task_a_stale_revision_and_a_decision_the_stage_lacks_are_refused_in_both_languages()
    {
        await scenario.SeedReviewersAsync();
        var task = await ClaimedAsync("REFUSE-1", 961);
        var (id, revision) = (Text(task.Id), Text(task.Revision));

        Assert.Equal("Không có công việc 99999999. — There is no task 99999999.", await RefusedAsync("claim", "99999999", "--user", Officer));
        Assert.Equal($"Công việc {id} đã có người nhận, không còn mở để nhận. — Task {id} is claimed, not open.",
            await RefusedAsync("claim", id, "--user", Colleague));
        Assert.Equal($"Công việc {id} không do {Colleague} nhận. — Task {id} is not claimed by {Colleague}.",
            await RefusedAsync("decide", id, "--user", Colleague, "--revision", revision, "--decision", "disputed", "--reason", "x"));
        Assert.Equal($"Công việc {id} đã thay đổi từ lúc bạn đọc (phiên bản {revision}, bạn gửi 0); hãy tải lại. — Task {id} changed since you read it (revision {revision}, you sent 0); reload it.",
            await RefusedAsync("decide", id, "--user", Officer, "--revision", "0", "--decision", "disputed", "--reason", "x"));
        Assert.Equal("\"approve\" không phải là quyết định của bước commune; được chọn: submit_corrections, needs_rebuild, disputed. — "
            + "\"approve\" is not a decision of stage \"commune\"; allowed: submit_corrections, needs_rebuild, disputed.",
            await RefusedAsync("decide", id, "--user", Officer, "--revision", revision, "--decision", "approve"));
    }

    [Fact]
    public async Task An_operation_id_used_for_another_task_is_refused_in_both_languages_without_naming_that_task()
    {
        await scenario.SeedReviewersAsync();
        var first = await ClaimedAsync("REFUSE-2", 962);
        var second = await ClaimedAsync("REFUSE-3", 963);
        await Lq.SucceedsAsync(db.ConnectionString, "review", "decide", Text(first.Id), "--user", Officer, "--revision", Text(first.Revision),
            "--decision", "disputed", "--reason", "two families claim it", "--op", "refuse-op-1");

        var refusal = await RefusedAsync("decide", Text(second.Id), "--user", Officer, "--revision", Text(second.Revision),
            "--decision", "disputed", "--reason", "two families claim it", "--op", "refuse-op-1");

        Assert.Equal("Mã thao tác này đã được dùng cho một yêu cầu khác; hãy dùng mã thao tác mới. — "
            + "This operation id was already used for another request; use a new operation id.", refusal);
        Assert.Equal("Claimed", await db.ScalarTextAsync($"SELECT status FROM review_tasks WHERE id = {second.Id}"));
    }

    [Fact]
    public async Task A_field_changed_before_the_approval_is_reported_in_both_languages()
    {
        await scenario.SeedReviewersAsync();
        await scenario.AddParcelAsync("REFUSE-4", 964, "missing_certificate_serial");
        await scenario.OpenCasesAsync();
        await scenario.ActAsync(Officer, "REFUSE-4", "submit_corrections", null, new FieldChange("certificate_serial", "CS 100964"));
        await db.ScalarAsync("WITH u AS (UPDATE certificates SET serial = 'CS 999' WHERE parcel_id = 'REFUSE-4' RETURNING 1) SELECT count(*) FROM u");
        var task = await scenario.OpenTaskAsync("REFUSE-4");
        var claimed = await new ReviewQueue(db.Database).ClaimAsync("so.1", task.Id, CancellationToken.None);

        // Approving applies the correction in the same transaction: the change refuses the whole decision.
        var refusal = await RefusedAsync("decide", Text(task.Id), "--user", "so.1", "--revision", Text(claimed.Revision), "--decision", "approve");

        Assert.Equal("certificate_serial của thửa REFUSE-4 đã thay đổi từ lúc đề xuất sửa ('' → nay 'CS 999'); hãy trả hồ sơ về xã/phường. — "
            + "certificate_serial of parcel REFUSE-4 changed since the correction was proposed ('' → now 'CS 999'); return the case to the commune.", refusal);
        Assert.Equal("Claimed", await db.ScalarTextAsync($"SELECT status FROM review_tasks WHERE id = {task.Id}"));
    }
}
