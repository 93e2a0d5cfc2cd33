import { render } from 'preact';
import { RecordsApp } from './RecordsApp';
import '../../assets/ui.css';

render(<RecordsApp />, document.getElementById('app')!);
