/** Entry of embed.html: read the URL parameters and build the widget. */
import { parseEmbedParams } from './params.ts';
import { mountWidget } from './widget.ts';
import './embed.css';

void mountWidget(document.getElementById('embed')!, parseEmbedParams(window.location.search));
