using System.Text;
using System.Text.Json;

namespace LandQuality.Audit;

/// <summary>
/// What one entry's payload names, for the verifier's cross-checks: the case, task and correction it
/// is about, the evaluation run or import it came from, the parcel a retired one went into, whether an
/// import created the parcel, the field a correction proposes, and the parcel's recorded state. Only
/// the payload's top-level keys count; a payload that is not a JSON object is <see cref="Malformed"/>.
/// </summary>
sealed record EntryRef(int Seq, string Kind)
{
    /// <summary>Every kind the product writes (see <see cref="HistoryText"/>); any other is not the product's.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "imported", "evaluated", "case_opened", "task_opened", "task_claimed", "task_released", "task_reassigned", "correction_proposed",
        "correction_applied", "decision", "reevaluated", "case_closed", "case_reopened", "parcel_retired", "task_withdrawn", "escalated",
        "attachment_added", "attachment_downloaded", "id_numbers_revealed",
    };

    public long? CaseId { get; private set; }
    public long? TaskId { get; private set; }
    public long? CorrectionId { get; private set; }
    public long? Run { get; private set; }
    public long? Import { get; private set; }
    public string? Into { get; private set; }
    public string? Field { get; private set; }
    public string? State { get; private set; }
    public bool Created { get; private set; }
    public bool Malformed { get; private set; }

    public static EntryRef Read(int seq, string kind, string payload)
    {
        var entry = new EntryRef(seq, kind);
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(payload));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return entry.AsMalformed();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "case_id": entry.CaseId = Number(ref reader); break;
                    case "task_id": entry.TaskId = Number(ref reader); break;
                    case "correction_id": entry.CorrectionId = Number(ref reader); break;
                    case "evaluation_run": entry.Run = Number(ref reader); break;
                    case "import_id": entry.Import = Number(ref reader); break;
                    case "into": entry.Into = Text(ref reader); break;
                    case "field": entry.Field = Text(ref reader); break;
                    case "state": entry.State = Text(ref reader); break;
                    case "created": entry.Created = reader.TokenType == JsonTokenType.True; break;
                    default: reader.Skip(); break;
                }
            }
            return entry;
        }
        catch (JsonException)
        {
            return entry.AsMalformed();
        }
    }

    EntryRef AsMalformed()
    {
        Malformed = true;
        return this;
    }

    static long? Number(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;

    static string? Text(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
}
