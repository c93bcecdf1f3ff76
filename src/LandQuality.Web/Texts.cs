namespace LandQuality.Web;

/// <summary>The pages' words: <c>Resources/Texts.resx</c> in Vietnamese (the default), <c>Texts.en.resx</c> in English.</summary>
public sealed class Texts;
