using System.Globalization;

namespace LandQuality.Audit;

/// <summary>A parcel as stored: the import that last wrote it, its state now, whether it has a verdict.</summary>
sealed record StoredParcel(long? ImportId, string? State, bool Evaluated);

sealed record StoredCase(long Id, string Status);

sealed record StoredTask(long Id, string Status);

sealed record StoredCorrection(long Id, long TaskId, string Field, string Status);

/// <summary>
/// One parcel's chain against its rows, both ways. Every row the product writes with an entry must have
/// that entry: each case its <c>case_opened</c> (and <c>case_closed</c> once closed), each task the entry that
/// opened it (and its <c>decision</c> once completed), each correction its <c>correction_proposed</c> (and
/// <c>correction_applied</c> once applied), the parcel its creating <c>imported</c> entry and one of the import
/// that last wrote it, a parcel with a verdict an <c>evaluated</c> entry. And every entry must name what
/// exists: a kind the product writes, a case, task or correction of this parcel, an evaluation run, a
/// completed import. Then the fields: the parcel's state now against the last one its chain recorded.
/// Each of these holds for a history the product wrote; a history written before states were recorded
/// only lacks the states, which are then not compared.
/// </summary>
sealed class CrossCheck(IReadOnlySet<long> runs, IReadOnlySet<long> imports, bool references, bool fields)
{
    static readonly HashSet<string> OpensTask = new(StringComparer.Ordinal) { "case_opened", "task_opened", "case_reopened" };
    static readonly HashSet<string> NamesCase = new(StringComparer.Ordinal) { "case_opened", "task_opened", "case_closed", "case_reopened" };

    /// <summary>Retirement entries name the case and correction of the parcel they went into: checked at the end, all at once.</summary>
    public List<(string Parcel, EntryRef Entry)> Retirements { get; } = [];

    public long FieldsCompared { get; private set; }
    public long FieldsNotRecorded { get; private set; }
    public long RowsChecked { get; private set; }

    public void Check(string parcel, IReadOnlyList<StoredEntry> stored, StoredParcel? row, IReadOnlyList<StoredCase> cases,
        IReadOnlyList<StoredTask> tasks, IReadOnlyList<StoredCorrection> corrections, ProblemSink problems)
    {
        var entries = stored.Select(e => EntryRef.Read(e.Seq, e.Kind, e.Payload)).ToList();
        if (references)
        {
            CheckEntries(parcel, entries, cases, tasks, corrections, problems);
            CheckRows(parcel, entries, row, cases, tasks, corrections, problems);
        }
        if (fields && row is not null)
            CheckFields(parcel, entries, row, problems);
    }

    void CheckEntries(string parcel, List<EntryRef> entries, IReadOnlyList<StoredCase> cases, IReadOnlyList<StoredTask> tasks,
        IReadOnlyList<StoredCorrection> corrections, ProblemSink problems)
    {
        void Problem(EntryRef e, string what) => problems.Add(AuditCheck.CrossCheck, parcel, e.Seq, $"entry {e.Seq} ({e.Kind}) {what}");
        foreach (var e in entries)
        {
            if (!EntryRef.Kinds.Contains(e.Kind))
            {
                problems.Add(AuditCheck.CrossCheck, parcel, e.Seq, $"entry {e.Seq} is of kind '{e.Kind}', which the product never writes");
                continue;
            }
            if (e.Malformed)
            {
                Problem(e, "has a payload that is not a JSON object");
                continue;
            }
            if (e.Kind == "parcel_retired")
            {
                Retirements.Add((parcel, e));
                continue;
            }
            if (e.CaseId is { } caseId && !cases.Any(c => c.Id == caseId))
                Problem(e, $"names case {caseId}, which is not a case of this parcel");
            else if (e.CaseId is null && NamesCase.Contains(e.Kind))
                Problem(e, "names no case");
            if (e.TaskId is { } taskId && !tasks.Any(t => t.Id == taskId))
                Problem(e, $"names task {taskId}, which is not a task of this parcel");
            else if (e.TaskId is null && OpensTask.Contains(e.Kind))
                Problem(e, "names no task");
            switch (e.Kind)
            {
                case "correction_applied" when !corrections.Any(c => c.Id == e.CorrectionId && c.Status == "Applied"):
                    Problem(e, $"names correction {Id(e.CorrectionId)}, which is not an applied correction of this parcel");
                    break;
                case "evaluated" or "reevaluated" when e.Run is not { } run || !runs.Contains(run):
                    Problem(e, $"names evaluation run {Id(e.Run)}, which does not exist");
                    break;
                case "imported" when e.Import is not { } import || !imports.Contains(import):
                    Problem(e, $"names import {Id(e.Import)}, which is not a completed import");
                    break;
            }
        }
    }

    static string Id(long? id) => id?.ToString(CultureInfo.InvariantCulture) ?? "(none)";

    void CheckRows(string parcel, List<EntryRef> entries, StoredParcel? row, IReadOnlyList<StoredCase> cases, IReadOnlyList<StoredTask> tasks,
        IReadOnlyList<StoredCorrection> corrections, ProblemSink problems)
    {
        void Problem(string what) => problems.Add(AuditCheck.CrossCheck, parcel, 0, what);
        bool Has(string kind, Func<EntryRef, bool> match) => entries.Exists(e => e.Kind == kind && match(e));
        RowsChecked += cases.Count + tasks.Count + corrections.Count;
        foreach (var c in cases)
        {
            if (!Has("case_opened", e => e.CaseId == c.Id))
                Problem($"case {c.Id} has no case_opened entry");
            if (c.Status != "Open" && !Has("case_closed", e => e.CaseId == c.Id))
                Problem($"case {c.Id} is {c.Status.ToLowerInvariant()} but has no case_closed entry");
        }
        foreach (var t in tasks)
        {
            if (!entries.Exists(e => OpensTask.Contains(e.Kind) && e.TaskId == t.Id))
                Problem($"task {t.Id} has no entry opening it");
            if (t.Status == "Completed" && !Has("decision", e => e.TaskId == t.Id))
                Problem($"task {t.Id} is completed but has no decision entry");
        }
        foreach (var c in corrections)
        {
            if (!Has("correction_proposed", e => e.TaskId == c.TaskId && e.Field == c.Field))
                Problem($"correction {c.Id} ({c.Field}) has no correction_proposed entry");
            if (c.Status == "Applied" && !Has("correction_applied", e => e.CorrectionId == c.Id))
                Problem($"correction {c.Id} ({c.Field}) is applied but has no correction_applied entry");
        }
        if (row is null)
        {
            if (entries.Exists(e => e.Kind == "imported"))
                Problem("the chain records the parcel's import, but the parcel is not in the database: it was deleted outside the product");
            return;
        }
        if (!Has("imported", e => e.Created))
            Problem("no imported entry records the parcel's creation");
        if (row.ImportId is { } lastImport && !Has("imported", e => e.Import == lastImport))
            Problem($"import {lastImport} last wrote the parcel, but its chain has no imported entry of that import");
        if (row.Evaluated && !entries.Exists(e => e.Kind == "evaluated"))
            Problem("the parcel has a verdict but no evaluated entry");
    }

    void CheckFields(string parcel, List<EntryRef> entries, StoredParcel row, ProblemSink problems)
    {
        var recorded = entries.LastOrDefault(e => e.State is not null && e.Kind is "imported" or "correction_applied");
        if (recorded is null)
        {
            FieldsNotRecorded++;
            return;
        }
        FieldsCompared++;
        if (recorded.State != row.State)
            problems.Add(AuditCheck.Fields, parcel, recorded.Seq,
                $"the parcel's fields are not those its chain recorded at entry {recorded.Seq} ({recorded.Kind}): changed outside the product");
    }
}
