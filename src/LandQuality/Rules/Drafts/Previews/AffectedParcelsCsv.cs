using System.IO.Compression;
using System.Text;
using LandQuality.Data;
using LandQuality.Rules.Versions;

namespace LandQuality.Rules.Drafts.Previews;

/// <summary>
/// The affected parcels as officers download them: one line per parcel and rule, <c>parcel_id,commune_code,rule,change</c>,
/// text cells neutralised against spreadsheet formulas as every export is (<see cref="CsvExport.Cell"/>).
/// </summary>
public static class AffectedParcelsCsv
{
    public const string Header = "parcel_id,commune_code,rule,change\n";

    public static string Line(AffectedParcel p) => string.Join(',', CsvExport.Cell(p.ParcelId), CsvExport.Cell(p.CommuneCode), CsvExport.Cell(p.Rule),
        p.NewlyFailing ? "newly_failing" : "newly_passing");

    /// <summary>Writes the file, compressed, as the preview finds the parcels: only the compressed bytes are held.</summary>
    public sealed class GzipWriter : IDisposable
    {
        readonly MemoryStream _buffer = new();
        readonly StreamWriter _writer;

        public GzipWriter()
        {
            _writer = new StreamWriter(new GZipStream(_buffer, CompressionLevel.Fastest, leaveOpen: true), new UTF8Encoding(false));
            _writer.Write(Header);
        }

        public long Lines { get; private set; }

        public void Add(AffectedParcel parcel)
        {
            _writer.Write(Line(parcel));
            _writer.Write('\n');
            Lines++;
        }

        /// <summary>The compressed file; the writer is finished.</summary>
        public byte[] ToArray()
        {
            _writer.Dispose();
            return _buffer.ToArray();
        }

        public void Dispose()
        {
            _writer.Dispose();
            _buffer.Dispose();
        }
    }
}
