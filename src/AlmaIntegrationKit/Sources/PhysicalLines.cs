namespace AlmaIntegrationKit.Sources;

/// <summary>Skips physical lines of text the way CsvHelper counts them: CRLF, LF and a lone CR each end a line.</summary>
internal static class PhysicalLines
{
    /// <summary>Reads past the first <paramref name="count"/> lines of <paramref name="reader"/>, ignoring quotes.</summary>
    /// <returns>The number of lines skipped, fewer than asked when the text ends first.</returns>
    public static long Skip(TextReader reader, long count)
    {
        long skipped = 0;
        while (skipped < count)
        {
            var next = reader.Read();
            if (next < 0)
                break;
            if (next == '\n')
            {
                skipped++;
            }
            else if (next == '\r')
            {
                if (reader.Peek() == '\n')
                    reader.Read();
                skipped++;
            }
        }

        return skipped;
    }
}
