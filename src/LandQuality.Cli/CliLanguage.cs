using System.CommandLine;

namespace LandQuality.Cli;

/// <summary>The <c>--lang</c> option of commands that print or export what people read: Vietnamese unless asked for English.</summary>
static class CliLanguage
{
    public static Option<string> Option()
    {
        var lang = new Option<string>("--lang") { Description = "vi (default) or en.", DefaultValueFactory = _ => "vi" };
        lang.AcceptOnlyFromAmong("vi", "en");
        return lang;
    }
}
