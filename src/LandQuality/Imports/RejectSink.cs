using LandQuality.Interchange;
using Npgsql;
using NpgsqlTypes;

namespace LandQuality.Imports;

/// <summary>
/// Collects rows refused while parsing and writes them to import_rejects in batches on a connection
/// of its own (the main one is busy with COPY), so a file of nothing but bad rows still runs in
/// bounded memory.
/// </summary>
sealed class RejectSink(NpgsqlDataSource dataSource, long importId) : IAsyncDisposable
{
    const int BatchSize = 5_000;
    const int MaxRawLength = 2_000;
    readonly List<(string File, long Line, string? Column, string Reason, string? Raw)> _batch = new(BatchSize);

    public long Count { get; private set; }

    public async Task AddAsync(string file, long line, string? column, string reason, string? raw, CancellationToken ct)
    {
        raw = raw is { Length: > MaxRawLength } ? raw[..MaxRawLength] + "…" : raw;
        _batch.Add((file, line, column, reason, raw is null ? null : RecordLimits.Printable(raw)));
        Count++;
        if (_batch.Count >= BatchSize)
            await FlushAsync(ct);
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_batch.Count == 0)
            return;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using (var w = await conn.BeginBinaryImportAsync(
            "COPY import_rejects (import_id, file_name, line, column_name, reason, raw_line) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var r in _batch)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(importId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(r.File, NpgsqlDbType.Text, ct);
                await w.WriteAsync(r.Line, NpgsqlDbType.Bigint, ct);
                await WriteTextAsync(w, r.Column, ct);
                await w.WriteAsync(r.Reason, NpgsqlDbType.Text, ct);
                await WriteTextAsync(w, r.Raw, ct);
            }
            await w.CompleteAsync(ct);
        }
        _batch.Clear();
    }

    static Task WriteTextAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    public async ValueTask DisposeAsync() => await FlushAsync(CancellationToken.None);
}
