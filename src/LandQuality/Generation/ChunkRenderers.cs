namespace LandQuality.Generation;

/// <summary>
/// A worker's output buffers for one chunk. Each chunk draws from its own random stream, seeded
/// by (seed, chunk index), and chunks are written in index order: the files do not depend on how
/// many threads rendered them.
/// </summary>
internal interface IChunkRenderer
{
    void Render(int chunk);
    void WriteTo(OutputFiles files);
}

/// <summary>Renders parcels.csv, owners.csv and defects.csv rows for a range of parcels.</summary>
internal sealed class ParcelChunkRenderer(GenerationPlan plan) : IChunkRenderer
{
    public const int ChunkSize = 8192;
    const ulong Stream = 1;

    readonly CsvFieldWriter _parcels = new(ChunkSize * 256);
    readonly CsvFieldWriter _owners = new(ChunkSize * 96);
    readonly CsvFieldWriter _defects = new(ChunkSize * 32);
    readonly PurposeList _purposes = new();

    public int Rendered { get; private set; }

    public static int ChunkCount(GenerationPlan plan) => (plan.ParcelCount + ChunkSize - 1) / ChunkSize;

    public void Render(int chunk)
    {
        _parcels.Clear();
        _owners.Clear();
        _defects.Clear();
        var rng = SplitMix64.For(plan.Options.Seed, Stream, chunk);
        var communes = plan.Communes;
        var from = chunk * ChunkSize;
        var to = Math.Min(plan.ParcelCount, from + ChunkSize);
        for (var p = from; p < to; p++)
        {
            var commune = communes[plan.Commune[p]];
            var issuedYear = ParcelRowWriter.Write(_parcels, ref rng, plan, p, commune, _purposes);
            OwnerRowWriter.Write(_owners, ref rng, plan, p, commune, issuedYear);
            WriteDefects(p, commune);
        }
        Rendered = to - from;
    }

    public void WriteTo(OutputFiles files)
    {
        files.Parcels.Write(_parcels.EncodeUtf8());
        files.Owners.Write(_owners.EncodeUtf8());
        files.Defects.Write(_defects.EncodeUtf8());
    }

    void WriteDefects(int parcel, GeneratedCommune commune)
    {
        var defects = plan.Defects[parcel];
        for (var k = 0; defects != 0; k++, defects >>= 1)
        {
            if ((defects & 1) == 0)
                continue;
            ParcelIds.Write(_defects, commune, plan.SeqInCommune(parcel));
            _defects.Comma();
            _defects.Raw(DefectKinds.All[k]);
            _defects.EndRow();
        }
    }
}

/// <summary>Renders population.csv rows for a range of people: every person's true record, except those missing from the registry.</summary>
internal sealed class PopulationChunkRenderer(GenerationPlan plan) : IChunkRenderer
{
    public const int ChunkSize = 16384;
    const ulong Stream = 2;

    readonly CsvFieldWriter _rows = new(ChunkSize * 128);

    public static int ChunkCount(GenerationPlan plan) => (plan.People.Count + ChunkSize - 1) / ChunkSize;

    public void Render(int chunk)
    {
        _rows.Clear();
        var rng = SplitMix64.For(plan.Options.Seed, Stream, chunk);
        var people = plan.People;
        var names = VietnameseNameGenerator.Instance;
        var communes = plan.Communes;
        var to = Math.Min(people.Count, (chunk + 1) * ChunkSize);
        for (var person = chunk * ChunkSize; person < to; person++)
        {
            var traits = people.Traits(person);
            if ((traits & PersonTraits.NotInRegistry) != 0)
                continue;
            _rows.Digits(people.IdNumber(person), people.IdDigits(person));
            _rows.Comma();
            names.Write(_rows, people.Name(person));
            _rows.Comma();
            _rows.Date(people.BirthDate(person));
            _rows.Comma();
            _rows.Raw(people.IsFemale(person) ? 'F' : 'M');
            _rows.Comma();
            Addresses.Instance.WritePermanentAddress(_rows, ref rng, communes[people.HomeCommune(person)]);
            _rows.Comma();
            _rows.Raw((traits & PersonTraits.Deceased) != 0 ? "deceased" : "alive");
            _rows.EndRow();
        }
    }

    public void WriteTo(OutputFiles files) => files.Population.Write(_rows.EncodeUtf8());
}
