using LandQuality.Documents;
using LandQuality.Documents.AuditExtracts;
using LandQuality.IntegrationTests.Review;
using LandQuality.Review.Cases;
using LandQuality.Web;

namespace LandQuality.IntegrationTests.Documents;

/// <summary><c>lq report audit PARCEL</c>: every step of a parcel's history with the result of its integrity check.</summary>
public sealed class AuditExtractTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 30, 0, TimeSpan.Zero);

    async Task<AuditExtract> ExtractAsync(string parcel, string lang = "vi")
    {
        var words = HistoryWording.Words(lang);
        return await new AuditExtractSource(db.Database).LoadAsync(parcel, lang, words, k => words("Kind", k) ?? k, Now, CancellationToken.None);
    }

    async Task CorrectAsync(string parcel, int number)
    {
        var scenario = new ReviewScenario(db);
        await scenario.SeedReviewersAsync();
        await scenario.AddParcelAsync(parcel, number, "missing_certificate_serial");
        await scenario.OpenCasesAsync();
        await scenario.ActAsync($"xa.{ReviewScenario.Commune}.1", parcel, "submit_corrections", null, new FieldChange("certificate_serial", "CS 12345" + number % 10));
    }

    [Fact]
    public async Task An_intact_history_is_extracted_step_by_step_in_Vietnamese_with_its_chain_head()
    {
        await CorrectAsync("AUDIT-1", 931);

        var extract = await ExtractAsync("AUDIT-1");
        var html = new DocumentTemplates(null).Render("audit.vi.html.sbn", extract, []);

        Assert.True(extract.Intact);
        Assert.Equal("Phường Phú Xuân", extract.CommuneName);
        Assert.Equal("07/12/2026 08:30:00", extract.GeneratedAt); // Vietnam time
        Assert.Contains(extract.Entries, e => e.Actor == $"xa.{ReviewScenario.Commune}.1" && e.Details.Contains("CS 123451", StringComparison.Ordinal));
        Assert.Equal(await db.ScalarAsync("SELECT count(*) FROM audit_events WHERE parcel_id = 'AUDIT-1'"), extract.Entries.Count(e => e.Seq is not null));
        Assert.Equal($"{await db.ScalarAsync("SELECT max(seq) FROM audit_events WHERE parcel_id = 'AUDIT-1'")} · " +
            await db.ScalarTextAsync("SELECT hash FROM audit_events WHERE parcel_id = 'AUDIT-1' ORDER BY seq DESC LIMIT 1"), extract.ChainHead);
        Assert.Contains("Kiểm tra tính toàn vẹn: lịch sử nguyên vẹn", html, StringComparison.Ordinal);
        Assert.Contains("Nhận việc", html, StringComparison.Ordinal);
        Assert.DoesNotContain("task_claimed", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_changed_behind_the_history_is_reported_in_the_extract()
    {
        await CorrectAsync("AUDIT-2", 932);
        await using (var tamper = db.Superuser.CreateCommand("UPDATE parcels SET area_m2 = area_m2 + 1 WHERE parcel_id = 'AUDIT-2'"))
            await tamper.ExecuteNonQueryAsync();

        var extract = await ExtractAsync("AUDIT-2", "en");
        var markdown = new DocumentTemplates(null).Render("audit.en.md.sbn", extract, []);

        Assert.False(extract.Intact);
        Assert.NotEmpty(extract.Problems);
        Assert.Contains("**Integrity check: the history is NOT intact.**", markdown, StringComparison.Ordinal);
        Assert.Contains("- " + extract.Problems[0], markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parcel_that_does_not_exist_is_refused()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ExtractAsync("NO-SUCH-PARCEL"));

        Assert.Contains("NO-SUCH-PARCEL", refused.Message, StringComparison.Ordinal);
    }
}
