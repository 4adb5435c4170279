namespace SimCse.Modeling.Tokenization;

/// <summary>
/// Scratch output of <see cref="BertBasicTokenizer"/>: the normalized words joined by single spaces (the form
/// Microsoft's WordPiece step takes in one call), the original character span behind every normalized character,
/// and the word list. Reused per thread, so encoding allocates little beyond its result.
/// </summary>
internal sealed class BasicTokens
{
    private readonly List<BasicWord> _words = [];
    private char[] _text = new char[256];
    private int[] _originalStart = new int[256];
    private int[] _originalEnd = new int[256];
    private int _length;
    private int _wordStart = -1;
    private int _wordCodePoints;
    private int _wordOriginalEnd;
    private int _maxCodePointsPerWord;
    private int _unknownId;

    public ReadOnlySpan<char> Text => _text.AsSpan(0, _length);

    public IReadOnlyList<BasicWord> Words => _words;

    public bool InWord => _wordStart >= 0;

    /// <summary>Characters the scratch arrays can hold before they grow.</summary>
    public int Capacity => _text.Length;

    public int OriginalStart(int textIndex) => _originalStart[textIndex];

    public int OriginalEnd(int textIndex) => _originalEnd[textIndex];

    public void Reset(int maxCodePointsPerWord, int unknownId)
    {
        _words.Clear();
        _length = 0;
        _wordStart = -1;
        _maxCodePointsPerWord = maxCodePointsPerWord;
        _unknownId = unknownId;
    }

    /// <summary>Appends one normalized code point (one or two UTF-16 units) to the open word, opening one if needed.</summary>
    public void Append(ReadOnlySpan<char> codePoint, int originalStart, int originalEnd)
    {
        if (_wordStart < 0)
        {
            if (_length > 0)
            {
                Add(' ', originalStart, originalStart);
            }
            _wordStart = _length;
            _wordCodePoints = 0;
        }
        // A word past the limit becomes one [UNK] anyway: stop storing its characters, so one huge word
        // costs no memory, and only remember where it ends.
        if (_wordCodePoints < _maxCodePointsPerWord + 1)
        {
            foreach (char c in codePoint)
            {
                Add(c, originalStart, originalEnd);
            }
        }
        _wordOriginalEnd = originalEnd;
        _wordCodePoints++;
    }

    /// <summary>A dropped accent belongs to the letter before it: widen that letter's span so offsets cover "é" whole.</summary>
    public void ExtendLast(int originalEnd)
    {
        if (_wordStart >= 0)
        {
            _originalEnd[_length - 1] = originalEnd;
            _wordOriginalEnd = originalEnd;
        }
    }

    /// <summary>Drops the word still open (its end is beyond what is kept), with the space before it.</summary>
    public void DiscardOpenWord()
    {
        if (_wordStart < 0)
        {
            return;
        }
        _length = _wordStart > 0 ? _wordStart - 1 : 0;
        _wordStart = -1;
    }

    /// <summary>Gives back arrays a large input grew beyond <paramref name="capacity"/> characters.</summary>
    public void Shrink(int capacity)
    {
        if (_text.Length <= capacity)
        {
            return;
        }
        _text = new char[capacity];
        _originalStart = new int[capacity];
        _originalEnd = new int[capacity];
        _length = 0;
    }

    public void EndWord()
    {
        if (_wordStart < 0)
        {
            return;
        }
        int start = _wordStart;
        _wordStart = -1;
        if (_wordCodePoints > _maxCodePointsPerWord)
        {
            // HF's max_input_chars_per_word counts code points, Microsoft's counts UTF-16 units: decide here and
            // take the word back out of the text so the WordPiece step never sees it.
            var word = new BasicWord(0, 0, _unknownId, _originalStart[start], _wordOriginalEnd);
            _length = start > 0 ? start - 1 : 0;
            _words.Add(word);
            return;
        }
        _words.Add(new BasicWord(start, _length - start, BasicWord.NoFixedId, 0, 0));
    }

    public void AddFixed(int id, int originalStart, int originalEnd)
    {
        EndWord();
        _words.Add(new BasicWord(0, 0, id, originalStart, originalEnd));
    }

    private void Add(char c, int originalStart, int originalEnd)
    {
        if (_length == _text.Length)
        {
            Array.Resize(ref _text, _length * 2);
            Array.Resize(ref _originalStart, _length * 2);
            Array.Resize(ref _originalEnd, _length * 2);
        }
        _text[_length] = c;
        _originalStart[_length] = originalStart;
        _originalEnd[_length] = originalEnd;
        _length++;
    }
}
