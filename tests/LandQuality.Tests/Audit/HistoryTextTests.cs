using LandQuality.Audit;

namespace LandQuality.Tests.Audit;

public sealed class HistoryTextTests
{
    [Fact]
    public void An_import_that_changed_fields_reads_as_file_line_and_before_after()
    {
        const string payload = """{"import_id":7,"created":false,"lines":[{"file":"parcels.csv","line":12}],"changes":{"certificate_serial":[null,"CS 123456"],"area_m2":["100","120"]}}""";

        Assert.Equal("nhập (lần nhập #7) từ parcels.csv dòng 12: certificate_serial '' → 'CS 123456'; area_m2 '100' → '120'",
            HistoryText.Describe("imported", payload, "vi"));
        Assert.Equal("imported (import #7) from parcels.csv line 12: certificate_serial '' → 'CS 123456'; area_m2 '100' → '120'",
            HistoryText.Describe("imported", payload, "en"));
    }

    [Fact]
    public void An_evaluation_names_the_version_and_the_findings_added_and_cleared()
    {
        const string payload = """{"evaluation_run":3,"rule_set":"default","rule_set_version":2,"verified":false,"failing_dimensions":["sufficient"],"added":["missing_area"],"cleared":["junk_text"]}""";

        Assert.Equal("evaluated under default v2 (run #3): fails (sufficient); findings added: missing_area; findings cleared: junk_text",
            HistoryText.Describe("evaluated", payload, "en"));
        Assert.Equal("đánh giá theo default v2 (lần #3): chưa đạt (đủ); lỗi mới: missing_area; lỗi đã hết: junk_text",
            HistoryText.Describe("evaluated", payload, "vi"));
    }

    [Fact]
    public void A_kind_it_does_not_know_shows_its_payload_as_stored()
    {
        Assert.Equal("""{"x":1}""", HistoryText.Describe("something_new", """{"x":1}""", "vi"));
    }

    [Fact]
    public void A_decision_names_its_decision_and_stages_in_the_readers_words_and_keeps_the_ids_without_them()
    {
        const string payload = """{"case_id":4,"task_id":9,"stage":"commune","decision":"submit_corrections","reason":"đo lại","to":"department"}""";
        var words = new Dictionary<string, string>
        {
            ["Decision_submit_corrections"] = "Gửi chỉnh sửa", ["Stage_commune"] = "Xã/phường rà soát", ["Stage_department"] = "Sở thẩm định",
        };
        HistoryWords vietnamese = (category, id) => words.GetValueOrDefault($"{category}_{id}");

        Assert.Equal("quyết định: Gửi chỉnh sửa (bước Xã/phường rà soát → Sở thẩm định); lý do: đo lại", HistoryText.Describe("decision", payload, "vi", vietnamese));
        Assert.Equal("decision: submit_corrections (stage commune → department); reason: đo lại", HistoryText.Describe("decision", payload, "en"));
    }

    [Fact]
    public void A_released_and_a_reassigned_task_read_as_words_not_as_their_payload()
    {
        Assert.Equal("trả việc #9 về hàng việc", HistoryText.Describe("task_released", """{"task_id":9,"stage":"commune"}""", "vi"));
        Assert.Equal("giao lại việc #9 từ xa.1 cho xa.2", HistoryText.Describe("task_reassigned", """{"task_id":9,"from":"xa.1","to":"xa.2"}""", "vi"));
    }
}
