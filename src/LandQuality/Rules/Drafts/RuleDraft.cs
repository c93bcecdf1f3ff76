namespace LandQuality.Rules.Drafts;

/// <summary>editing → submitted → published, or discarded on the way.</summary>
public enum RuleDraftStatus { Editing, Submitted, Published, Discarded }

/// <summary>
/// A rule set's working copy that policy staff edit rule by rule. Unlike a <see cref="Versions.RuleSetVersion"/>
/// its content changes; it becomes an immutable version only when a second policy officer — not its author,
/// nor anyone who changed or submitted it — approves it. Every state change is a method here that checks the
/// current state, so an invalid transition cannot be written from outside.
/// </summary>
public sealed class RuleDraft
{
    public long Id { get; init; }
    public required string RuleSet { get; init; }
    /// <summary>The version the draft was opened from.</summary>
    public required int FromVersion { get; init; }
    /// <summary>The version in force when the draft was opened: approval is refused if another was published since.</summary>
    public int? PublishedWhenOpened { get; init; }
    public required string Content { get; set; }
    public required string Author { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public RuleDraftStatus Status { get; private set; }
    /// <summary>Everyone who changed the draft (the author included): none of them may approve it.</summary>
    public List<string> Editors { get; private set; } = [];
    public string? UpdatedBy { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public string? ChangeNote { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    /// <summary>The version approval stored and published.</summary>
    public int? ResultingVersion { get; private set; }
    public uint Revision { get; set; }

    public void Edit(string content, string by, DateTimeOffset at)
    {
        Require(RuleDraftStatus.Editing, "sửa", "edited");
        Content = content;
        UpdatedBy = by;
        UpdatedAt = at;
        if (!Editors.Contains(by, StringComparer.Ordinal))
            Editors = [.. Editors, by];
    }

    public void Submit(string note, string by, DateTimeOffset at)
    {
        Require(RuleDraftStatus.Editing, "gửi duyệt", "submitted");
        if (string.IsNullOrWhiteSpace(note))
            throw new RuleDraftStateException("Gửi duyệt cần ghi chú thay đổi.", "Submitting needs a change note.");
        Status = RuleDraftStatus.Submitted;
        ChangeNote = note.Trim();
        SubmittedBy = by;
        SubmittedAt = at;
    }

    /// <summary>Refuses anyone who wrote or submitted the draft: publishing takes two people.</summary>
    public void CheckApprover(string by)
    {
        Require(RuleDraftStatus.Submitted, "duyệt", "approved");
        if (string.Equals(by, Author, StringComparison.Ordinal) || string.Equals(by, SubmittedBy, StringComparison.Ordinal)
            || Editors.Contains(by, StringComparer.Ordinal))
            throw new RuleDraftFourEyesException(
                "Người soạn, sửa hoặc gửi bản nháp không được tự duyệt: cần một cán bộ chính sách khác.",
                "Whoever wrote, changed or submitted the draft cannot approve it: another policy officer must.");
    }

    public void Approve(string by, int version, DateTimeOffset at)
    {
        CheckApprover(by);
        Status = RuleDraftStatus.Published;
        ApprovedBy = by;
        ApprovedAt = at;
        ResultingVersion = version;
    }

    public void Discard(string by, DateTimeOffset at)
    {
        if (Status is RuleDraftStatus.Published or RuleDraftStatus.Discarded)
            throw new RuleDraftStateException($"Bản nháp đang ở trạng thái {Vi(Status)}, không bỏ được.", $"The draft is {En(Status)}; it cannot be discarded.");
        Status = RuleDraftStatus.Discarded;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    void Require(RuleDraftStatus status, string actionVi, string actionEn)
    {
        if (Status != status)
            throw new RuleDraftStateException($"Bản nháp {Id} đang ở trạng thái {Vi(Status)}: không thể {actionVi}.",
                $"Draft {Id} is {En(Status)}: it cannot be {actionEn}.");
    }

    public static string Vi(RuleDraftStatus status) => status switch
    {
        RuleDraftStatus.Editing => "đang soạn", RuleDraftStatus.Submitted => "chờ duyệt",
        RuleDraftStatus.Published => "đã công bố", _ => "đã bỏ",
    };

    public static string En(RuleDraftStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>One thing done to a draft, who did it and when: created, a rule put or deleted, previewed, tried, submitted, approved.</summary>
public sealed class RuleDraftEvent
{
    public long Id { get; init; }
    public required long DraftId { get; init; }
    public required string Action { get; init; }
    public string? Rule { get; init; }
    public required string Actor { get; init; }
    public DateTimeOffset At { get; init; }
}
