using LandQuality.Documents;

namespace LandQuality.Cli;

/// <summary>The document templates as the CLI reads them (LQ_TEMPLATES overrides), each broken override said on standard error.</summary>
static class CliTemplates
{
    public static DocumentTemplates Create() =>
        new(Environment.GetEnvironmentVariable("LQ_TEMPLATES") is { Length: > 0 } folder ? folder : null,
            problem => Console.Error.WriteLine($"Mẫu ghi đè lỗi, đã dùng mẫu có sẵn — broken override, the shipped template was used: {problem}"));
}
